// Evidence deposits in all and per month, for the cockpit: counts kept as deposits are stored.
import { today } from '../../platform/hub-calendar.js';
import { requireRole } from '../common/auth.js';
import { calledBy } from '../common/callers.js';
import { DEFAULT_MONTHS, MAX_MONTHS, monthsArg, monthsFrom, zeroFilled } from '../common/months.js';
import { monthCountType } from '../common/shared-types.js';
import { builder } from './builder.js';

const MonthCount = monthCountType(builder);

const Statistics = builder.objectRef<object>('EvidenceStatistics').implement({
  description: 'Evidence deposits: counts kept as deposits are stored, never of personal data',
  fields: (t) => ({
    total: t.int({ description: 'Every deposit', resolve: (_s, _args, ctx) => ctx.store.evidence.count() }),
    depositsByMonth: t.field({
      type: [MonthCount],
      description: `Deposits per calendar month (in the hub's time zone): the last \`months\` months (1 to ${MAX_MONTHS}) up to and including the current one, oldest first, 0 for a month without any`,
      args: {
        months: t.arg.int({
          defaultValue: DEFAULT_MONTHS,
          description: `How many months, the current one included: 1 to ${MAX_MONTHS} (${DEFAULT_MONTHS} unless given)`,
        }),
      },
      resolve: async (_s, args, ctx) => {
        const months = monthsFrom(today(), -monthsArg(args.months));
        return zeroFilled(months, await ctx.store.evidence.countByMonth(months[0]!, months.at(-1)!));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  evidenceStatistics: t.field({
    type: Statistics,
    description: 'Centre staff: evidence deposits in total and per month',
    tag: calledBy('CENTER_STAFF'),
    resolve: (_root, _args, ctx) => {
      requireRole(ctx, 'CENTER_STAFF');
      return {};
    },
  }),
}));
