import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/client.js';
import { submitResponse } from '../modules/polls/answering.js';
import type { Answers } from '../modules/polls/answers.js';
import { SATISFACTION } from '../modules/polls/fixtures.js';
import { closePoll, createPoll } from '../modules/polls/polls.js';
import { createQuestionnaire } from '../modules/polls/questionnaires.js';
import { type Ctx, type Deps, systemContext } from '../platform/context.js';
import { Dice } from './residents.js';

/**
 * Nanshan-style satisfaction polling for the demo: the same questionnaire in two rounds over the
 * communities of Nanshan Subdistrict (last year's, closed; this year's, open), most residents
 * interviewed door to door by their liaison (proxy entries), so the results, breakdowns and the
 * trend have something to show. Made through the polls' own use cases; the same every time.
 */
const DAY = 86_400_000;

/** One resident's answers, satisfied with probability `p`. */
function answersOf(dice: Dice, p: number): Answers {
  const roll = dice.int(0, 999) / 1000;
  const satisfaction = roll < p ? 'satisfied' : roll < p + (1 - p) / 2 ? 'basically' : 'dissatisfied';
  const answers: Answers = { satisfaction, used: dice.chance(0.6) ? 'yes' : 'no', visits: dice.int(0, 24) };
  if (satisfaction === 'dissatisfied') {
    answers.why = dice.chance(0.5) ? ['slow'] : ['slow', 'unfair'];
    if ((answers.why as string[]).includes('unfair')) answers.detail = dice.pick(['停车位分配不透明', '加装电梯的补贴不公平', '窗口只开一个，排队太久']);
  }
  const score = () => String(dice.int(3, 5));
  if (dice.chance(0.8)) answers.aspects = { safety: score(), clean: score() };
  if (dice.chance(0.7)) answers.priorities = dice.chance(0.5) ? ['elderly', 'parking', 'children'] : ['parking', 'elderly', 'children'];
  return answers;
}

export async function loadDemoPolls(deps: Deps, tx: Executor, subdistrictId: string): Promise<number> {
  const dice = new Dice(8707);
  const now = deps.now().getTime();
  let clock = now;
  const ctx: Ctx = { ...systemContext(deps, 'demo data'), db: tx as Deps['db'], now: () => new Date(clock) };
  const residents = await queryRows<{ id: string }>(
    tx,
    sql`select r.id from residents r join places p on p.id = r.place_id join places s on starts_with(p.path, s.path) where s.id = ${subdistrictId} order by r.id`,
  );
  clock = now - 400 * DAY;
  const questionnaire = await createQuestionnaire(ctx, { placeId: subdistrictId, title: '南山街道社区工作满意度调查 Community satisfaction survey', definition: SATISFACTION });
  let answered = 0;
  // Last year's round, closed; then this year's, still open. Satisfaction rose, as Nanshan's did.
  for (const [start, share, satisfied, open] of [
    [now - 380 * DAY, 0.8, 0.82, false],
    [now - 15 * DAY, 0.7, 0.87, true],
  ] as const) {
    clock = start;
    const poll = await createPoll(ctx, {
      questionnaireId: questionnaire.id,
      placeId: subdistrictId,
      title: `南山街道满意度调查 ${new Date(start).getFullYear()}`,
      opensAt: new Date(start),
      closesAt: new Date(start + 30 * DAY),
      minCellSize: 5,
      series: 'nanshan-satisfaction',
    });
    for (const resident of residents) {
      if (!dice.chance(share)) continue;
      clock = start + dice.int(0, 10) * DAY;
      await submitResponse(ctx, poll.id, { kind: 'proxy', residentId: resident.id }, answersOf(dice, satisfied));
      answered++;
    }
    clock = start + 12 * DAY;
    if (!open) await closePoll(ctx, poll.id);
  }
  return answered;
}
