/**
 * An experiment's definition after it has left the served config, so its report still
 * opens: "compared with previous campaigns" needs the previous campaigns.
 *
 * Found in the stored config versions, newest first, rather than in an archive written at
 * push time. Every push already keeps its whole config as an immutable version (for
 * rollback), so the definition is there without a second copy that could drift from it
 * (a rollback, a failed push, an experiment re-added), and the push path stays one version
 * write and one pointer move. The cost falls on the rare read of an archived report: one
 * list of the site's versions and reads of the newest ones until one has the experiment,
 * ten at a time. Should versions ever be pruned, the last version holding each experiment
 * must be kept.
 */
import { ExperimentSchema, type Config, type Experiment } from '../../../shared/schema/config.js';
import { getVersion, listVersions } from './store.js';

export interface ArchivedExperiment {
  experiment: Experiment;
  /** The newest stored version that still had it, and that version's config. */
  version: string;
  config: Config;
  /**
   * When it left: the time the next version was stored. Null when it left by a rollback
   * to an older version (the pointer move has no time of its own).
   */
  leftAt: string | null;
}

const READS_AT_ONCE = 10;

export async function findArchivedExperiment(kv: KVNamespace, site: string, id: string, servedVersion: string): Promise<ArchivedExperiment | null> {
  const versions = await listVersions(kv, site);
  for (let start = 0; start < versions.length; start += READS_AT_ONCE) {
    const batch = versions.slice(start, start + READS_AT_ONCE);
    const configs = await Promise.all(batch.map((v) => getVersion(kv, site, v.version)));
    for (let i = 0; i < batch.length; i++) {
      // Stored configs passed validation when pushed; an older shape that no longer parses is skipped.
      const found = ExperimentSchema.safeParse(configs[i]?.experiments?.find((e) => e.id === id));
      if (!found.success) continue;
      const version = batch[i].version;
      const next = versions[start + i - 1];
      return { experiment: found.data, version, config: configs[i]!, leftAt: version < servedVersion && next ? next.created : null };
    }
  }
  return null;
}
