/** report.html: one self-contained page (inline CSS and SVG, no scripts, no network). */
import { clvHistogram, personaColour, rfmGridChart, sizeVersusRevenueChart } from './reportCharts.js';
import { escapeHtml as e } from './html.js';
import { isoDay } from './outputs.js';
import type { PersonaAnalysis } from './pipeline.js';

export function reportHtml(analysis: PersonaAnalysis, currency = '€'): string {
  const { overall, bgnbd, gammaGamma } = analysis;
  const money = (n: number) => e(`${currency}${Math.round(n).toLocaleString('en')}`);
  const pct = (f: number) => `${Math.round(f * 100)} %`;
  const period = `${isoDay(analysis.period.startDay)} – ${isoDay(analysis.period.endDay)}`;
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
    <tr><th>Probably still active</th><td>${pct(1 - s.likelyGoneShare)}</td><th>Top categories</th><td>${s.categories.slice(0, 3).map((c) => `${e(c.name)} ${pct(c.share)}`).join(', ') || '–'}</td></tr>
    <tr><th>Top channels</th><td colspan="3">${s.channels.slice(0, 3).map((c) => `${e(c.name)} ${pct(c.share)}`).join(', ') || '–'}</td></tr>
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
pre{background:#f6f6f6;padding:.6rem;overflow:auto;font-size:.8rem}
</style></head><body>
<h1>Personas</h1>
<p class="muted">${e(period)} · ${analysis.customers.length.toLocaleString('en')} customers · ${analysis.transactions.toLocaleString('en')} transactions (purchase days) · ${analysis.skippedRows} bad rows skipped · ${money(overall.revenue)} revenue</p>
<h2>Personas: share of customers and of revenue</h2>
${sizeVersusRevenueChart(analysis.personas.map((p) => ({ name: p.name, share: p.stats.size / overall.size, revenueShare: p.stats.revenue / overall.revenue })))}
${cards}
<h2>Customer base</h2>
<div class="charts">
<figure>${rfmGridChart(analysis.customers.map((c) => c.rfm))}<figcaption>RFM grid: customers per recency and frequency score (${analysis.rfmEdgesFrom === 'data' ? 'quintiles of this data' : 'the site config’s bands'}).</figcaption></figure>
<figure>${clvHistogram(analysis.customers.map((c) => c.value.clv), currency)}<figcaption>Predicted lifetime value over ${e(Math.round(analysis.clv.horizonDays))} days, margin ${pct(analysis.clv.margin)}, discount ${pct(analysis.clv.annualDiscount)} a year.</figcaption></figure>
</div>
<h2>Models</h2>
<table>
<tr><th>BG/NBD (purchases, ${e(analysis.period.unit)}s)</th><td>r = ${bgnbd.r.toFixed(3)}, α = ${bgnbd.alpha.toFixed(3)}, a = ${bgnbd.a.toFixed(3)}, b = ${bgnbd.b.toFixed(3)}; ln L = ${bgnbd.logLikelihood.toFixed(1)}</td></tr>
<tr><th>Gamma-Gamma (spend)</th><td>p = ${gammaGamma.p.toFixed(3)}, q = ${gammaGamma.q.toFixed(3)}, γ = ${gammaGamma.gamma.toFixed(3)}; fitted on ${gammaGamma.customers} repeat customers${gammaGamma.excludedZeroMean ? `, ${gammaGamma.excludedZeroMean} with a zero repeat mean left out` : ''}</td></tr>
<tr><th>Clustering</th><td>k-means++ on standardised log-basket, log-frequency, recency, log-CLV and category shares; silhouette ${analysis.silhouettes.map((s) => `k=${s.k}: ${s.silhouette.toFixed(3)}`).join(', ')}</td></tr>
</table>
</body></html>
`;
}
