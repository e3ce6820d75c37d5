// Trademark and copyright registrations recorded with the centre, and trademark renewal.
import { badInput, conflict, failure } from '../../platform/errors.js';
import { today } from '../../platform/hub-calendar.js';
import { canonicalCopyrightNumber } from '../../standards/copyright-number.js';
import { isNiceClass, niceClassName } from '../../standards/nice-class.js';
import { requireRole } from '../common/auth.js';
import { ANY_ROLE, calledBy } from '../common/callers.js';
import { insertOnce } from '../common/create-once.js';
import { mutationForms } from '../common/payload.js';
import { checkEach, checkInput, text } from '../common/validation.js';
import { builder, Copyright, CopyrightKind, readableRight, Trademark } from './builder.js';
import type { EnterprisesContext } from './context.js';
import { copyrightNumber } from './domain/copyright.js';
import { type CopyrightRecord, type TrademarkRecord } from './domain/model.js';
import { MAX_SAME_MARK, registrationExpiry, renewal, renewalWindow } from './domain/trademark.js';
import { DuplicateKeyError } from './store/port.js';

const RenewalWindow = builder.objectRef<{ opens: string; closes: string }>('RenewalWindow').implement({
  description: 'The days a trademark registration may be renewed: the twelve months before it ends and six months of grace after',
  fields: (t) => ({
    opens: t.field({ type: 'Date', description: 'The first day a renewal is accepted: twelve months before expiryDate', resolve: (w) => w.opens }),
    closes: t.field({ type: 'Date', description: 'The last day, grace included: six months after expiryDate', resolve: (w) => w.closes }),
  }),
});

builder.objectFields(Trademark, (t) => ({
  goods: t.exposeStringList('goods', { description: 'The goods or services designated in its class' }),
  niceClassName: t.string({ description: 'The class’s short name, e.g. 科学仪器 for 9', resolve: (m) => niceClassName(m.niceClass) }),
  renewalWindow: t.field({
    type: RenewalWindow,
    description: 'The days it may be renewed (续展) in, as its expiryDate stands (Trademark Law art. 40)',
    resolve: (m) => renewalWindow(m.expiryDate),
  }),
  // Trademark Law art. 42: a transfer takes the owner's identical marks on the same goods with it;
  // the pledge procedure (注册商标专用权质押登记程序规定, 2020) has them pledged together. Only the
  // identical text in the same class is found here: similar marks (近似) and similar goods in other
  // classes (类似) are the Trademark Office's judgment, which the register's data does not settle.
  sameMarkInClass: t.stringList({
    description: `The registration numbers, in order, of the same owner's other registrations of this mark (identical text after Unicode NFKC and trimming) in this Nice class: what Trademark Law art. 42 and the trademark pledge procedure (注册商标专用权质押登记程序规定, 2020) have transferred and pledged with it. Similar marks, and similar goods in other classes, are not detected: the register's data does not let the hub decide them. At most ${MAX_SAME_MARK}`,
    // A registration held outside the registry (its owner null) has none the hub lists.
    resolve: async (m, _args, ctx) =>
      m.enterpriseId === null
        ? []
        : (await ctx.loaders.sameMark.load({ ...m, enterpriseId: m.enterpriseId })).filter((n) => n !== m.registrationNumber).slice(0, MAX_SAME_MARK),
  }),
}));

builder.objectFields(Copyright, (t) => ({
  author: t.exposeString('author', { nullable: true, description: 'The author, as registered; null for a registration recorded before authors were' }),
  completedOn: t.field({ type: 'Date', nullable: true, description: 'When the work was completed', resolve: (c) => c.completedOn }),
}));

const TrademarkInput = builder.inputType('RegisterTrademarkInput', {
  description: 'A trademark registration to record, as the register has it',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: "The owner's id in the hub: a registered enterprise (NOT_FOUND otherwise)" }),
    registrationNumber: t.string({ required: true, description: 'The register’s number: digits' }),
    mark: t.string({ required: true, description: 'The mark, 1 to 100 characters' }),
    niceClass: t.int({ required: true, description: '1 to 45' }),
    goods: t.stringList({ required: true, description: 'The goods or services designated, 1 to 30' }),
    registrationDate: t.field({ type: 'Date', required: true, description: 'The day of registration: the ten years run from it' }),
  }),
});
const RenewInput = builder.inputType('RenewTrademarkInput', {
  description: 'A renewal of a trademark registration to record',
  fields: (t) => ({
    registrationNumber: t.string({ required: true, description: "The registration's number, as recorded: digits" }),
    renewedOn: t.field({
      type: 'Date',
      required: true,
      description: 'The day it was renewed: within its renewalWindow (INVALID_TRANSITION otherwise), not in the future',
    }),
  }),
});
const CopyrightInput = builder.inputType('RegisterCopyrightInput', {
  description: 'A copyright registration to record, as the register has it',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: "The owner's id in the hub: a registered enterprise (NOT_FOUND otherwise)" }),
    registrationNumber: t.string({
      required: true,
      description:
        'e.g. 2024SR0123456 for software, 国作登字-2024-H-00012345 for a work (the letter names the kind of work: domain/copyright.ts), or a province’s 粤作登字-...',
    }),
    title: t.string({ required: true, description: 'The title of the work or software, 1 to 200 characters' }),
    kind: t.field({ type: CopyrightKind, required: true, description: "Software, or the kind of work: a work's number must carry its kind's letter" }),
    author: t.string({ required: true, description: 'The author, as registered: 1 to 200 characters' }),
    completedOn: t.field({ type: 'Date', required: true, description: 'When the work was completed: on or before registeredOn' }),
    registeredOn: t.field({
      type: 'Date',
      required: true,
      description: "The day of registration: in the registration number's year, not in the future",
    }),
  }),
});

const TRADEMARK_NUMBER = /^\d{1,9}$/;
const MAX_GOODS = 30;

/** The designated goods, trimmed and distinct: 1 to 30 of 1 to 100 characters, each one's problem at its index. */
function goods(items: readonly string[]): string[] {
  const message = `goods must name 1 to ${MAX_GOODS} goods or services of 1 to 100 characters each`;
  const distinct = [...new Set(items.map((g) => g.trim()))];
  if (distinct.length === 0 || distinct.length > MAX_GOODS) throw badInput(message, 'goods');
  checkEach(items, (g, i) => {
    const v = g.trim();
    if (v === '' || v.length > 100) throw badInput(message, `goods[${i}]`);
  });
  return distinct;
}

async function requireEnterprise(ctx: EnterprisesContext, id: string): Promise<void> {
  if ((await ctx.loaders.enterprise.load(id)) === undefined) throw failure('NOT_FOUND', `enterprise ${id} does not exist`, { field: 'enterpriseId' });
}

builder.queryFields((t) => ({
  copyright: t.field({
    type: Copyright,
    nullable: true,
    tag: calledBy(...ANY_ROLE),
    description:
      'A registered copyright by its registration number: its owner, centre staff and institutions read it; null otherwise, as for one not registered',
    args: {
      registrationNumber: t.arg.string({ required: true, description: 'As issued; spaces, case and full-width dashes do not matter' }),
    },
    resolve: async (_root, { registrationNumber }, ctx) => {
      // Stored as registration writes them (standards/copyright-number.ts).
      return readableRight(ctx, await ctx.loaders.copyright.load(canonicalCopyrightNumber(registrationNumber)));
    },
  }),
}));

mutationForms(builder, {
  name: 'registerTrademark',
  payload: 'trademarkRegister',
  object: 'trademark',
  type: Trademark,
  description:
    'Centre staff record a trademark registration, as the register has it: its class and goods; ten years from the day of registration. A registration is a fact of the register, never the owner’s own declaration',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: TrademarkInput, required: true, description: 'The registration to record' }) }),
  resolve: async ({ input }, ctx) => {
    const enterpriseId = String(input.enterpriseId);
    requireRole(ctx, 'CENTER_STAFF');
    const checked = await checkInput({
      registrationNumber: () => {
        const v = input.registrationNumber.trim();
        if (!TRADEMARK_NUMBER.test(v)) throw badInput('registrationNumber must be the register’s number: 1 to 9 digits', 'registrationNumber');
        return v;
      },
      mark: () => text(input.mark, 'mark', 100),
      niceClass: () => {
        if (!isNiceClass(input.niceClass)) throw badInput('niceClass must be a Nice class, 1 to 45', 'niceClass');
      },
      goods: () => goods(input.goods),
      registrationDate: () => {
        if (input.registrationDate > today()) throw badInput('registrationDate is in the future', 'registrationDate');
      },
      enterprise: () => requireEnterprise(ctx, enterpriseId),
    });
    const { registrationNumber } = checked;
    const record: TrademarkRecord = {
      registrationNumber,
      enterpriseId,
      mark: checked.mark,
      niceClass: input.niceClass,
      goods: checked.goods,
      registrationDate: input.registrationDate,
      expiryDate: registrationExpiry(input.registrationDate),
      version: 1,
    };
    const at = new Date().toISOString();
    const { version: _version, ...given } = record;
    return insertOnce({
      what: `trademark ${registrationNumber}`,
      insert: async () => (await ctx.store.trademarks.insert(record, at), { ...record, updatedAt: at }),
      isDuplicate: (err) => err instanceof DuplicateKeyError,
      stored: async () => (await ctx.store.trademarks.byNumbers([registrationNumber]))[0],
      given,
    });
  },
});

mutationForms(builder, {
  name: 'renewTrademark',
  payload: 'trademarkRenew',
  object: 'trademark',
  type: Trademark,
  description:
    'Centre staff record a renewal, within the twelve months before the registration ends or the six of grace after: ten more years from the day after it ends',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: RenewInput, required: true, description: 'The registration and the day it was renewed' }) }),
  resolve: async ({ input }, ctx) => {
    const staff = requireRole(ctx, 'CENTER_STAFF');
    const number = input.registrationNumber.trim();
    const { before } = await checkInput({
      before: async () => {
        const found = await ctx.loaders.trademark.load(number);
        if (found === undefined) throw failure('NOT_FOUND', `trademark ${number} does not exist`, { field: 'registrationNumber' });
        return found;
      },
      renewedOn: () => {
        if (input.renewedOn > today()) throw badInput('renewedOn is in the future', 'renewedOn');
      },
    });
    const renewed = renewal(before.expiryDate, input.renewedOn);
    if (!renewed.ok) throw failure('INVALID_TRANSITION', `trademark ${number}: ${renewed.message}`, { expiryDate: before.expiryDate });
    const after = { ...before, expiryDate: renewed.expiryDate };
    const details = { renewedOn: input.renewedOn, previousExpiryDate: before.expiryDate, expiryDate: renewed.expiryDate };
    const event = { at: new Date().toISOString(), actor: staff.keyId, role: staff.role, type: 'RENEWED' as const, details };
    if (!(await ctx.store.trademarks.update(before, after, event))) throw conflict(`trademark ${number} was changed by someone else meanwhile; reload it`);
    // As the store wrote it: its updatedAt never goes back.
    const stored = { ...after, version: before.version + 1, updatedAt: event.at > before.updatedAt ? event.at : before.updatedAt };
    ctx.loaders.trademark.clear(number).prime(number, stored);
    return stored;
  },
});

mutationForms(builder, {
  name: 'registerCopyright',
  payload: 'copyrightRegister',
  object: 'copyright',
  type: Copyright,
  description: 'Centre staff record a copyright registration, as the register has it: software or a work, its author and completion date',
  callers: ['CENTER_STAFF'],
  args: (t) => ({ input: t.field({ type: CopyrightInput, required: true, description: 'The registration to record' }) }),
  resolve: async ({ input }, ctx) => {
    const enterpriseId = String(input.enterpriseId);
    requireRole(ctx, 'CENTER_STAFF');
    const number = copyrightNumber(input.kind, input.registrationNumber);
    const checked = await checkInput({
      registrationNumber: () => {
        if (!number.ok) throw badInput(number.message, 'registrationNumber');
        return number.value;
      },
      registeredOn: () => {
        if (input.registeredOn > today()) throw badInput('registeredOn is in the future', 'registeredOn');
        // Weighed only against a number that reads.
        if (number.ok && number.year !== Number(input.registeredOn.slice(0, 4))) {
          throw badInput(
            `registration ${number.value} was issued in ${number.year}, not ${input.registeredOn.slice(0, 4)}: check registeredOn`,
            'registeredOn',
          );
        }
      },
      completedOn: () => {
        if (input.completedOn > input.registeredOn) throw badInput('completedOn is after registeredOn: a work is registered once completed', 'completedOn');
      },
      title: () => text(input.title, 'title', 200),
      author: () => text(input.author, 'author', 200),
      enterprise: () => requireEnterprise(ctx, enterpriseId),
    });
    const record: CopyrightRecord = {
      registrationNumber: checked.registrationNumber,
      enterpriseId,
      title: checked.title,
      kind: input.kind,
      author: checked.author,
      completedOn: input.completedOn,
      registeredOn: input.registeredOn,
    };
    const at = new Date().toISOString();
    return insertOnce({
      what: `copyright ${record.registrationNumber}`,
      insert: async () => (await ctx.store.copyrights.insert(record, at), { ...record, updatedAt: at }),
      isDuplicate: (err) => err instanceof DuplicateKeyError,
      stored: async () => (await ctx.store.copyrights.byNumbers([record.registrationNumber]))[0],
      given: record,
    });
  },
});
