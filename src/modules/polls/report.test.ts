import { describe, expect, it } from 'vitest';
import { questionChartSvg } from './report.js';
import type { QuestionResult } from './results.js';

describe('the report’s charts', () => {
  it('draws a question’s shares as an SVG bar chart with ECharts on the server', () => {
    const question: QuestionResult = {
      id: 'satisfaction',
      type: 'rating',
      text: '总体满意度',
      respondents: 2000,
      options: [
        { id: 'satisfied', label: '满意', count: 1741, percent: 87.07, marginOfError: null },
        { id: 'dissatisfied', label: '不满意', count: 259, percent: 12.93, marginOfError: null },
      ],
    };
    const svg = questionChartSvg(question, 400, 100);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('满意');
    expect(svg).toContain('87.1%');
    expect(svg).toContain('12.9%');
    // Two bars: paths filled with the bar colour.
    expect(svg.match(/fill="#1677ff"/g)?.length).toBe(2);
  });
});
