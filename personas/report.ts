/** report.html: one self-contained page (inline CSS and SVG, no scripts, no network). */
import { escapeHtml as e } from './html.js';
import { moneyFormat } from './money.js';
import { isoDay } from './outputs.js';
import type { PersonaAnalysis } from './pipeline.js';
import { MODEL_LABELS, type FittedPurchaseModel } from './purchase-models.js';
import { clvBandsChart, personaColour, rfmGridChart, sizeVersusRevenueChart } from './report-charts.js';

export function reportHtml(analysis: PersonaAnalysis): string {
  const { overall, gammaGamma } = analysis;
  const format = moneyFormat(analysis.currency);
  const money = (n: number) => e(format(n));
  const pct = (f: number) => `${Math.round(f * 100)} %`;
  const period = `${isoDay(analysis.period.startDay)} – ${isoDay(analysis.period.endDay)}`;
  const shares = (list: readonly { name: string; share: number }[], column: 'category' | 'channel') =>
    list.slice(0, 3).map((c) => `${e(c.name)} ${pct(c.share)}`).join(', ') ||
    (analysis.optionalColumns[column] ? '–' : `no ${column} column`);
  const cards = analysis.personas
    .map((p, i) => {
      const s = p.stats;
      return `<section class="card" style="border-top-color:${personaColour(i)}">
  <h3>${e(p.name)}</h3>
  <p class="id">id <code>${e(p.id)}</code></p>
  <p>${e(p.description)}</p>
  <table>
    <tr><th>Customers</th><td>${s.size} (${pct(s.size / overall.size)})</td><th>Revenue</th><td>${money(s.revenue)} (${pct(s.revenue / overall.revenue)})</td></tr>
    <tr><th>Median purchase days</th><td>${e(s.median.transactions)}</td><th>Median recency</th><td>${e(Math.round(s.median.recencyDays))} days</td></tr>
    <tr><th>Median basket</th><td>${money(s.median.basket)}</td><th>Median predicted value</th><td>${money(s.median.clv)}</td></tr>
    <tr><th>Expected still active</th><td>${pct(s.meanPAlive)}</td><th>Top categories</th><td>${shares(s.categories, 'category')}</td></tr>
    <tr><th>Top channels</th><td colspan="3">${shares(s.channels, 'channel')}</td></tr>
  </table>
  <h4>Plan</h4>
  <ol>${p.actions.map((a) => `<li>${e(a.text)}</li>`).join('')}</ol>
  <details><summary>Rule in the site config</summary><pre>${e(JSON.stringify(p.when, null, 2))}</pre></details>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Personas · ${e(period)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;color:#222;max-width:1000px;margin:2rem auto;padding:0 1rem}
h1{margin-bottom:.2rem}.muted,.id{color:#666}.id{margin:-.6rem 0 .4rem;font-size:.85rem}
.charts{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}svg{max-width:100%;height:auto}
.card{border:1px solid #ddd;border-top:6px solid;border-radius:6px;padding:.6rem 1.2rem;margin:1.2rem 0}
table{border-collapse:collapse;font-size:.9rem}th{text-align:left;font-weight:600;padding:.15rem .8rem .15rem 0;color:#555}td{padding:.15rem 1.6rem .15rem 0}
.models td,.models th{border-bottom:1px solid #eee}.chosen{font-weight:600}
pre{background:#f6f6f6;padding:.6rem;overflow:auto;font-size:.8rem}
</style></head><body>
<h1>Personas</h1>
<p class="muted">${e(period)} · ${analysis.customers.length.toLocaleString('en')} customers · ${analysis.transactions.toLocaleString('en')} transactions (purchase days) · ${analysis.skippedRows} bad rows skipped · ${money(overall.revenue)} revenue · amounts in ${e(analysis.currency)}</p>
<p class="muted">${columnsLine(analysis)}</p>
<h2>Personas: share of customers and of revenue</h2>
${sizeVersusRevenueChart(analysis.personas.map((p) => ({ name: p.name, share: p.stats.size / overall.size, revenueShare: p.stats.revenue / overall.revenue })))}
${cards}
<h2>Customer base</h2>
<div class="charts">
<figure>${rfmGridChart(analysis.customers.map((c) => c.rfm), analysis.rfmEdges)}<figcaption>RFM grid: customers per recency and frequency score (${analysis.rfmEdgesFrom === 'data' ? 'bands from this data: recency by quintiles, frequency at its own distinct values' : 'the site config’s bands'}).</figcaption></figure>
<figure>${clvBandsChart(analysis.customers.map((c) => c.value.clv), format)}<figcaption>Predicted lifetime value over ${e(Math.round(analysis.clv.horizonDays))} days, margin ${pct(analysis.clv.margin)}, discount ${pct(analysis.clv.annualDiscount)} a year: each bar is a tenth of the customers, ranked by value.</figcaption></figure>
</div>
<h2>Purchase model</h2>
<p>${e(analysis.modelChoice.text)}</p>
<p>${oneTimersLine(analysis)}</p>
${modelsTable(analysis)}
<h2>Other models</h2>
<table>
<tr><th>Gamma-Gamma (spend)</th><td>p = ${gammaGamma.p.toFixed(3)}, q = ${gammaGamma.q.toFixed(3)}, γ = ${gammaGamma.gamma.toFixed(3)}; fitted on ${gammaGamma.customers} repeat customers${gammaGamma.excludedZeroMean ? `, ${gammaGamma.excludedZeroMean} with a zero repeat mean left out` : ''}</td></tr>
<tr><th>Clustering</th><td>k-means++ on standardised log-basket, log-frequency, recency, log-CLV and category shares; silhouette ${analysis.silhouettes.map((s) => `k=${s.k}: ${s.silhouette.toFixed(3)}`).join(', ')}</td></tr>
</table>
</body></html>
`;
}

/** Which file columns gave categories and channels, or how to map them when none was found. */
function columnsLine({ optionalColumns }: PersonaAnalysis): string {
  const part = (column: 'category' | 'channel', plural: string) =>
    optionalColumns[column]
      ? `${plural} from column “${e(optionalColumns[column])}”`
      : `no ${column} column found (map one with <code>--map ${column}=&lt;column&gt;</code>)`;
  return `${part('category', 'Categories')}; ${part('channel', 'channels')}.`;
}

function oneTimersLine({ oneTimers, modelChoice }: PersonaAnalysis): string {
  const label = MODEL_LABELS[modelChoice.chosen];
  const share = `${Math.round(oneTimers.meanPAlive * 100)} %`;
  const comparison = modelChoice.chosen === 'bgnbd' ? ', because this model cannot let them go' : '; BG/NBD would count every one of them as active';
  return e(`${oneTimers.count.toLocaleString('en')} customers bought only once: ${label} expects ${share} of them still active${comparison}.`);
}

function modelsTable({ models, modelChoice, period }: PersonaAnalysis): string {
  const rank = new Map(modelChoice.ranking.map((m) => [m.name, m]));
  const rows = models.map((m) => {
    const ranked = rank.get(m.name)!;
    const chosen = m.name === modelChoice.chosen;
    return `<tr${chosen ? ' class="chosen"' : ''}><td>${MODEL_LABELS[m.name]}${chosen ? ' (chosen)' : ''}</td><td>${e(parameters(m))}</td><td>${m.params.logLikelihood.toFixed(1)}</td><td>${ranked.aic.toFixed(1)}</td><td>${chosen ? '–' : `+${ranked.deltaAic.toFixed(1)}`}</td></tr>`;
  });
  return `<table class="models"><tr><th>Model (time in ${e(period.unit)}s)</th><th>Parameters</th><th>ln L</th><th>AIC</th><th>ΔAIC</th></tr>${rows.join('')}</table>`;
}

function parameters(m: FittedPurchaseModel): string {
  const f = (v: number) => v.toFixed(3);
  if (m.name === 'paretonbd') {
    const { r, alpha, s, beta } = m.params;
    return `r = ${f(r)}, α = ${f(alpha)}, s = ${f(s)}, β = ${f(beta)}`;
  }
  const { r, alpha, a, b } = m.params;
  return `r = ${f(r)}, α = ${f(alpha)}, a = ${f(a)}, b = ${f(b)}`;
}
