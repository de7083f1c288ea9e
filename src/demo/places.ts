import type { PlaceLevel } from '../modules/places/rules.js';

/**
 * The demo jurisdiction tree, drawn from the places in the case records. Codes down to county
 * level are the national administrative division codes (GB/T 2260); below that they are the
 * demo's own short codes, not official statistical codes.
 *
 * `new` is the share of new (migrant) residents in a community or village: high in Shenzhen
 * and Sanyuanli (56,000 of 103,000 residents), low in the Zhejiang villages.
 */
export interface DemoPlace {
  code: string;
  zh: string;
  en: string;
  level: PlaceLevel;
  children?: DemoPlace[];
  /** Households to generate in this community or village, and the share of new residents. */
  households?: number;
  newShare?: number;
}

const buildings = (): DemoPlace[] => [1, 2, 3].map((n) => ({ code: `B${n}`, zh: `${n}栋`, en: `Building ${n}`, level: 'building' as const }));

const community = (code: string, zh: string, en: string, households: number, newShare: number, extra: DemoPlace[] = []): DemoPlace => ({
  code,
  zh,
  en,
  level: 'community',
  households,
  newShare,
  children: extra,
});

export const DEMO_PLACES: DemoPlace[] = [
  {
    code: '440300', zh: '深圳市', en: 'Shenzhen', level: 'city',
    children: [
      {
        code: '440305', zh: '南山区', en: 'Nanshan District', level: 'district',
        children: [
          {
            code: 'ZS', zh: '招商街道', en: 'Zhaoshang Subdistrict', level: 'subdistrict',
            children: [
              community('SW', '水湾社区', 'Shuiwan Community', 30, 0.55, [
                { code: 'G1', zh: '水湾第一网格', en: 'Shuiwan Grid 1', level: 'grid', children: buildings() },
              ]),
              community('THY', '桃花园社区', 'Taohuayuan Community', 20, 0.5),
              community('HGS', '花果山社区', 'Huaguoshan Community', 20, 0.45),
            ],
          },
          {
            code: 'NS', zh: '南山街道', en: 'Nanshan Subdistrict', level: 'subdistrict',
            children: [
              community('NS', '南山社区', 'Nanshan Community', 20, 0.5),
              community('NY', '南园社区', 'Nanyuan Community', 18, 0.5),
              community('LW', '荔湾社区', 'Liwan Community', 16, 0.45),
            ],
          },
        ],
      },
    ],
  },
  {
    code: '331100', zh: '丽水市', en: 'Lishui', level: 'city',
    children: [
      {
        code: '331126', zh: '庆元县', en: 'Qingyuan County', level: 'district',
        children: [
          { code: 'SY', zh: '松源街道', en: 'Songyuan Subdistrict', level: 'subdistrict', children: [community('SY', '松源社区', 'Songyuan Community', 12, 0.15)] },
          { code: 'HT', zh: '黄田镇', en: 'Huangtian Town', level: 'subdistrict', children: [community('HT', '黄田村', 'Huangtian Village', 10, 0.05)] },
          { code: 'ZK', zh: '竹口镇', en: 'Zhukou Town', level: 'subdistrict', children: [community('ZK', '竹口村', 'Zhukou Village', 10, 0.05)] },
        ],
      },
    ],
  },
  {
    code: '331000', zh: '台州市', en: 'Taizhou', level: 'city',
    children: [
      {
        code: '331082', zh: '临海市', en: 'Linhai City', level: 'district',
        children: [
          { code: 'BSY', zh: '白水洋镇', en: 'Baishuiyang Town', level: 'subdistrict', children: [community('BSY', '白水洋村', 'Baishuiyang Village', 12, 0.1)] },
          { code: 'YJ', zh: '沿江镇', en: 'Yanjiang Town', level: 'subdistrict', children: [community('YJ', '沿江村', 'Yanjiang Village', 10, 0.1)] },
          { code: 'KC', zh: '括苍镇', en: 'Kuocang Town', level: 'subdistrict', children: [community('KC', '括苍村', 'Kuocang Village', 10, 0.05)] },
        ],
      },
    ],
  },
  {
    code: '440100', zh: '广州市', en: 'Guangzhou', level: 'city',
    children: [
      { code: '440104', zh: '越秀区', en: 'Yuexiu District', level: 'district' },
      {
        // Sanyuanli Subdistrict belongs to Baiyun District, not Yuexiu.
        code: '440111', zh: '白云区', en: 'Baiyun District', level: 'district',
        children: [
          {
            code: 'SYL', zh: '三元里街道', en: 'Sanyuanli Subdistrict', level: 'subdistrict',
            children: [
              community('SYL1', '三元里第一社区', 'Sanyuanli First Community', 14, 0.55),
              community('SYL2', '三元里第二社区', 'Sanyuanli Second Community', 14, 0.55),
            ],
          },
        ],
      },
    ],
  },
  {
    code: '330700', zh: '金华市', en: 'Jinhua', level: 'city',
    children: [
      {
        code: '330782', zh: '义乌市', en: 'Yiwu City', level: 'district',
        children: [
          {
            code: 'CX', zh: '城西街道', en: 'Chengxi Subdistrict', level: 'subdistrict',
            children: [community('HSL', '何斯路村', 'Hesilu Village', 16, 0.1)],
          },
        ],
      },
    ],
  },
];
