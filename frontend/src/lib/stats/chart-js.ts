// Chart.js with only what the patterns chart needs (a line chart: no legend, which the page
// writes as text, no tooltips, no animations, no other kinds of chart), registered once. Only the patterns page loads it,
// on its own, so every other page stays as small as it was.

import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale);

export { Chart };
