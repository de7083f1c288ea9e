import type { Definition } from './questionnaire.js';

/**
 * A satisfaction questionnaire in the style of Nanshan's community polls: every question kind,
 * a required question and skip logic. Shared by the unit tests, the integration tests and the demo.
 */
export const SATISFACTION: Definition = {
  sections: [
    {
      id: 'overall',
      title: '总体评价 Overall',
      questions: [
        {
          id: 'satisfaction',
          type: 'rating',
          text: '您对社区工作总体是否满意？',
          required: true,
          options: [
            { id: 'satisfied', label: '满意' },
            { id: 'basically', label: '基本满意' },
            { id: 'dissatisfied', label: '不满意' },
          ],
        },
        {
          id: 'why',
          type: 'multiple',
          text: '您不满意的主要原因是？',
          required: true,
          maxChoices: 2,
          showIf: { question: 'satisfaction', anyOf: ['dissatisfied'] },
          options: [
            { id: 'slow', label: '办事慢' },
            { id: 'attitude', label: '态度差' },
            { id: 'unfair', label: '不公平' },
          ],
        },
        { id: 'detail', type: 'text', text: '请具体说明', maxLength: 500, showIf: { question: 'why', anyOf: ['unfair'] } },
      ],
    },
    {
      id: 'services',
      title: '服务 Services',
      questions: [
        { id: 'used', type: 'single', text: '您去过党群服务中心吗？', options: [{ id: 'yes', label: '去过' }, { id: 'no', label: '没去过' }] },
        {
          id: 'aspects',
          type: 'matrix',
          text: '请评价以下方面',
          items: [
            { id: 'safety', label: '治安' },
            { id: 'clean', label: '环境卫生' },
          ],
          options: [
            { id: '1', label: '1' },
            { id: '2', label: '2' },
            { id: '3', label: '3' },
            { id: '4', label: '4' },
            { id: '5', label: '5' },
          ],
        },
        {
          id: 'priorities',
          type: 'ranking',
          text: '请按重要性排序',
          options: [
            { id: 'elderly', label: '养老' },
            { id: 'parking', label: '停车' },
            { id: 'children', label: '托育' },
          ],
        },
        { id: 'visits', type: 'number', text: '过去一年去过几次？', integer: true, min: 0, max: 365 },
      ],
    },
  ],
};
