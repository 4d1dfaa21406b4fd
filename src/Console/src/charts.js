// ECharts, only the parts the console draws (keeps the bundle small). Each chart gets an aria label
// (ECharts' aria component describes the data for screen readers) and follows its box's size.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const text = '#e8eef5';
// ECharts sizes text in pixels: a wall screen (see console.css) gets larger labels.
const fontSize = window.matchMedia('(min-width: 2000px)').matches ? 20 : 12;
const palette = ['#6cb6ff', '#5fd38d', '#f2c14e', '#ff7b72', '#c297ff'];
const axis = { axisLabel: { color: text, fontSize }, nameTextStyle: { color: text, fontSize }, axisLine: { lineStyle: { color: '#5a6b7e' } }, splitLine: { lineStyle: { color: '#2c3a4b' } } };

/** A chart in `element`; returns { update(option), dispose() }. */
export function chart(element, title) {
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', title);
  const instance = echarts.init(element, null, { renderer: 'canvas' });
  const resize = new ResizeObserver(() => instance.resize());
  resize.observe(element);
  return {
    update(option) {
      instance.setOption({
        aria: { enabled: true, label: { description: undefined } },
        color: palette, textStyle: { color: text, fontSize }, backgroundColor: 'transparent',
        tooltip: { trigger: 'axis' }, legend: { textStyle: { color: text, fontSize }, top: 0 },
        grid: { left: 56, right: 56, top: 36, bottom: 32 },
        ...option,
      }, { notMerge: true });
    },
    dispose() { resize.disconnect(); instance.dispose(); },
  };
}

export const categoryAxis = data => ({ type: 'category', data, ...axis, axisLabel: { color: text, fontSize, interval: 0, hideOverlap: true } });
export const valueAxis = (extra = {}) => ({ type: 'value', ...axis, ...extra });
