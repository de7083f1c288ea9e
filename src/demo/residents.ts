import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { idCheckDigit, type Residency, type VulnerableGroup } from '../modules/people/rules.js';

/**
 * Plausible residents for the demo, the same every time (a seeded generator): households of
 * one to five people who share a family name, ID numbers with valid check digits whose region
 * is the county (or, for new residents, the county they came from), and mobile numbers.
 */

// Common family names, roughly in order of frequency.
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN_MALE = [...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林建国志文斌海峰'];
const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞秀英兰玲桂红梅琳燕萍雪琴慧莉颖倩婷佳欣怡晶丹雯洁'];

/** Where the new residents of the demo came from: counties of Hubei (Honghu among them), Hunan, Sichuan, Jiangxi, Henan, Guangxi. */
const HOME_COUNTIES = ['421083', '421087', '430524', '430981', '511621', '513922', '360731', '411527', '450881'];

export interface DemoHousehold {
  number: string;
  address: string;
  members: DemoResident[];
}

export interface DemoResident {
  name: string;
  gender: 'female' | 'male';
  birthYear: number;
  idNumber: string;
  phone: string | null;
  residency: Residency;
  partyMember: boolean;
  vulnerableGroups: VulnerableGroup[];
  householdRole: string;
}

export class Dice {
  private rng: RandomGenerator;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  chance(p: number): boolean {
    return this.int(0, 9999) < p * 10_000;
  }
}

function givenName(dice: Dice, gender: 'female' | 'male'): string {
  const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  return dice.chance(0.6) ? dice.pick(pool) + dice.pick(pool) : dice.pick(pool);
}

export interface CommunitySpec {
  /** Seeds the generator, so each community gets its own people. */
  seed: number;
  countyCode: string;
  households: number;
  newShare: number;
  addressPrefix: string;
  currentYear: number;
}

export function generateHouseholds(spec: CommunitySpec, usedIds: Set<string>): DemoHousehold[] {
  const dice = new Dice(spec.seed);
  const idNumber = (region: string, birthYear: number, gender: 'female' | 'male'): string => {
    for (;;) {
      const date = `${birthYear}${String(dice.int(1, 12)).padStart(2, '0')}${String(dice.int(1, 28)).padStart(2, '0')}`;
      const sequence = dice.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
      const first17 = `${region}${date}${String(sequence).padStart(3, '0')}`;
      const id = first17 + idCheckDigit(first17);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const phone = () => `1${dice.pick(['3', '5', '7', '8', '9'])}${dice.int(0, 9)}${String(dice.int(0, 99_999_999)).padStart(8, '0')}`;

  const households: DemoHousehold[] = [];
  for (let h = 0; h < spec.households; h++) {
    const residency: Residency = dice.chance(spec.newShare) ? 'new' : 'established';
    const region = residency === 'new' ? dice.pick(HOME_COUNTIES) : spec.countyCode;
    const surname = dice.pick(SURNAMES);
    const elderlyAlone = residency === 'established' && dice.chance(0.08);
    const headAge = elderlyAlone ? dice.int(70, 92) : dice.int(26, 68);
    const headGender = dice.chance(0.5) ? 'male' : 'female';
    const lowIncome = dice.chance(0.05);
    const members: DemoResident[] = [];
    const add = (role: string, gender: 'female' | 'male', age: number, family: string, extra: Partial<DemoResident> = {}) => {
      const birthYear = spec.currentYear - age;
      members.push({
        name: family + givenName(dice, gender),
        gender,
        birthYear,
        idNumber: idNumber(region, birthYear, gender),
        phone: age >= 14 ? phone() : null,
        residency,
        partyMember: age >= 18 && dice.chance(0.1),
        vulnerableGroups: lowIncome ? ['minimum-subsistence'] : [],
        householdRole: role,
        ...extra,
      });
    };
    add('户主', headGender, headAge, surname, elderlyAlone ? { vulnerableGroups: ['elderly-alone'] } : {});
    if (!elderlyAlone) {
      if (dice.chance(0.8)) add('配偶', headGender === 'male' ? 'female' : 'male', headAge + dice.int(-4, 4), dice.pick(SURNAMES));
      const children = headAge < 60 ? dice.int(0, 2) : 0;
      for (let c = 0; c < children; c++) {
        const age = Math.max(1, headAge - dice.int(22, 34));
        add('子女', dice.chance(0.5) ? 'male' : 'female', age, surname);
      }
      if (headAge < 50 && dice.chance(0.25)) add('父母', dice.chance(0.5) ? 'male' : 'female', headAge + dice.int(24, 32), surname);
    }
    const disabled = dice.chance(0.04) ? dice.int(0, members.length - 1) : -1;
    if (disabled >= 0) members[disabled]!.vulnerableGroups = [...members[disabled]!.vulnerableGroups, 'disability'];
    const number = `${String(h + 1).padStart(3, '0')}`;
    households.push({ number, address: `${spec.addressPrefix}${dice.int(1, 40)}号${dice.int(1, 6)}0${dice.int(1, 4)}室`, members });
  }
  return households;
}
