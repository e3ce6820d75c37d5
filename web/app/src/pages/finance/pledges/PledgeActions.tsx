// What the pledgee (a bank or guarantee institution) and centre staff may do with a pledge, offered
// where its state allows: withdraw a proposal the pledgor has not answered; release a registered
// pledge; the pledgee proposes an amendment on a signed agreement, or withdraws one the pledgor has
// not answered; staff record the registration authority's number and date. The quick ones run
// through the page's `action`, whose refusal the page shows; the others are dialogs.
import { Button, DatePicker, Form, Input, Popconfirm, Space } from 'antd';
import type { Dayjs } from 'dayjs';

import { mutate, USER_ERRORS } from '../../../api';
import { Operation } from '../../../components/Operation';
import { afterToday, hubToday, isoDay } from '../../../dates';
import { fenOf } from '../../../format';
import type { Action } from '../../../hooks/useAction';
import { useI18n } from '../../../i18n';
import { ContractFields, contractOf, type ContractValues } from './ContractFields';

const ANSWER = `pledge { id state } ${USER_ERRORS}`;
const WITHDRAW = `mutation Withdraw($input: AnswerPledgeInput!) { pledgeWithdraw(input: $input) { ${ANSWER} } }`;
const RELEASE = `mutation Release($input: ReleasePledgeInput!) { pledgeRelease(input: $input) { ${ANSWER} } }`;
const AMEND = `mutation Amend($input: ProposePledgeAmendmentInput!) { pledgeAmendmentPropose(input: $input) { ${ANSWER} } }`;
const DROP_AMENDMENT = `mutation DropAmendment($input: AnswerPledgeAmendmentInput!) { pledgeAmendmentDecline(input: $input) { ${ANSWER} } }`;
const AUTHORITY = `mutation RecordAuthority($input: RecordPledgeRegistrationInput!) { pledgeRegistrationRecord(input: $input) { ${ANSWER} } }`;

/** The states of a pledge that was registered: the authority's registration belongs to them. */
const REGISTERED_ONCE = ['REGISTERED', 'RELEASED', 'ENFORCED'];

export interface ActionablePledge {
  readonly id: string;
  readonly registrationNumber: string;
  readonly state: string;
  readonly nextStates: readonly string[];
  readonly authorityRegistration: unknown;
  readonly pendingAmendment: unknown;
}

interface AmendFields extends ContractValues {
  amount?: string;
  termEnd?: Dayjs;
  note?: string;
}

function Amend({ pledgeId }: { pledgeId: string }) {
  const { t } = useI18n();
  return (
    <Operation<AmendFields>
      testId="pledge-amend"
      title={t('pledges.amend')}
      intro={t('pledges.amendIntro')}
      done={t('pledges.amendProposed')}
      submit={(f) =>
        mutate(AMEND, {
          input: {
            pledgeId,
            ...(f.amount?.trim() ? { securedAmount: fenOf(f.amount) } : {}),
            ...(f.termEnd ? { termEndDate: isoDay(f.termEnd) } : {}),
            contract: contractOf(f),
            ...(f.note?.trim() ? { note: f.note.trim() } : {}),
          },
        })
      }
    >
      <Form.Item
        name="amount"
        label={t('pledges.newAmount')}
        dependencies={['termEnd']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_, v: string | undefined) => {
              if (!v?.trim()) {
                if (getFieldValue('termEnd') === undefined) throw new Error(t('pledges.amendNothing'));
              } else if (fenOf(v) === undefined) throw new Error(t('pledges.amountInvalid'));
            },
          }),
        ]}
      >
        <Input inputMode="decimal" suffix={t('pledges.yuan')} data-testid="pledge-amend-amount" />
      </Form.Item>
      <Form.Item name="termEnd" label={t('pledges.newTermEnd')}>
        <DatePicker className="full-width" disabledDate={(d) => isoDay(d) <= hubToday()} data-testid="pledge-amend-term-end" />
      </Form.Item>
      <ContractFields testId="pledge-amend-contract" />
      <Form.Item name="note" label={t('pledges.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </Operation>
  );
}

function RecordAuthority({ pledgeId }: { pledgeId: string }) {
  const { t } = useI18n();
  return (
    <Operation<{ number: string; date: Dayjs }>
      testId="pledge-authority"
      title={t('pledges.recordAuthority')}
      intro={t('pledges.recordAuthorityIntro')}
      done={t('pledges.authorityRecorded')}
      submit={(f) => mutate(AUTHORITY, { input: { pledgeId, number: f.number.trim(), date: isoDay(f.date) } })}
    >
      <Form.Item
        name="number"
        label={t('pledges.authorityNumber')}
        rules={[{ required: true, whitespace: true, message: t('pledges.authorityNumberRequired') }]}
      >
        <Input className="mono" maxLength={64} autoComplete="off" data-testid="pledge-authority-number" />
      </Form.Item>
      <Form.Item name="date" label={t('pledges.authorityDate')} rules={[{ required: true, message: t('pledges.authorityDateRequired') }]}>
        <DatePicker className="full-width" disabledDate={afterToday} data-testid="pledge-authority-date" />
      </Form.Item>
    </Operation>
  );
}

export function PledgeActions({ pledge: p, asStaff, action }: { pledge: ActionablePledge; asStaff: boolean; action: Action }) {
  const { t } = useI18n();
  const run = (document: string) => action.run(() => mutate(document, { input: { pledgeId: p.id } }));
  return (
    <Space wrap>
      {p.nextStates.includes('WITHDRAWN') && (
        <Popconfirm title={t('pledges.withdrawConfirm', { number: p.registrationNumber })} onConfirm={() => run(WITHDRAW)}>
          <Button data-testid="pledge-withdraw">{t('pledges.withdraw')}</Button>
        </Popconfirm>
      )}
      {p.nextStates.includes('RELEASED') && (
        <Popconfirm title={t('pledges.releaseConfirm', { number: p.registrationNumber })} onConfirm={() => run(RELEASE)}>
          <Button data-testid="pledge-release">{t('pledges.release')}</Button>
        </Popconfirm>
      )}
      {!asStaff && p.state === 'REGISTERED' && p.pendingAmendment === null && <Amend pledgeId={p.id} />}
      {p.pendingAmendment !== null && (
        <Popconfirm title={t('pledges.amendWithdrawConfirm', { number: p.registrationNumber })} onConfirm={() => run(DROP_AMENDMENT)}>
          <Button data-testid="pledge-amend-withdraw">{t('pledges.amendWithdraw')}</Button>
        </Popconfirm>
      )}
      {asStaff && REGISTERED_ONCE.includes(p.state) && p.authorityRegistration === null && <RecordAuthority pledgeId={p.id} />}
    </Space>
  );
}
