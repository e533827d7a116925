// Chart.js with only what the app's charts need, registered once: line charts (the patterns
// page and the comparison's trends) and a scatter chart whose points a plugin draws as
// hexagons (the comparison's map). No legend (the pages write their keys as text), no
// tooltips, no animations, no other kinds of chart. Only those two pages load it, on its own,
// so every other page stays as small as it was.

import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, ScatterController } from 'chart.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, CategoryScale, LinearScale);

export { Chart };
