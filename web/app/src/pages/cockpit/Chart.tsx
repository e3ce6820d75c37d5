// One ECharts chart: canvas-drawn (no inline styles, so the strict CSP holds), tooltips drawn in
// the canvas too (renderMode richText: the HTML tooltip writes style attributes), resized with
// its box, disposed with the component. Loaded only with the cockpit.
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export function Chart({ option, label, name }: { option: ChartOption; label: string; name: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType>(undefined);
  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resized = new ResizeObserver(() => instance.resize());
    resized.observe(box.current!);
    return () => {
      resized.disconnect();
      instance.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, tooltip: { renderMode: 'richText' }, animation: false, ...option }, true);
  }, [option]);
  return <div ref={box} className="chart" role="img" aria-label={label} data-testid="cockpit-chart" data-chart={name} />;
}
