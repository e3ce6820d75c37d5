// What centre staff may do with a patent, offered only where its state allows it: grant a pending
// application; pay the next annual fee, or record the lapse once its grace period is over; restore
// a lapsed patent; request and decide an invalidation; and register a transfer or licence of it.
import { DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';

import { mutate, USER_ERRORS } from '../../../api';
import { Operation } from '../../../components/Operation';
import type { PatentRecord } from '../../../components/rights/types';
import { afterToday, isoDay, todayValue } from '../../../dates';
import { useI18n } from '../../../i18n';

const PATENT = `applicationNumber status`;
const GRANT = `mutation Grant($input: GrantPatentInput!) { patentGrant(input: $input) { patent { ${PATENT} } ${USER_ERRORS} } }`;
const PAY = `mutation Pay($input: PayAnnualFeeInput!) { patentAnnualFeePay(input: $input) { patent { ${PATENT} } ${USER_ERRORS} } }`;
const LAPSE = `mutation Lapse($input: RecordPatentLapseInput!) { patentLapseRecord(input: $input) { patent { ${PATENT} } ${USER_ERRORS} } }`;
const RESTORE = `mutation Restore($input: RestorePatentInput!) { patentRestore(input: $input) { patent { ${PATENT} } ${USER_ERRORS} } }`;
const REQUEST = `mutation RequestInvalidation($input: RequestInvalidationInput!) { patentInvalidationRequest(input: $input) { patent { ${PATENT} } ${USER_ERRORS} } }`;
const DECIDE = `mutation DecideInvalidation($input: DecideInvalidationInput!) { patentInvalidationDecide(input: $input) { patent { ${PATENT} } ${USER_ERRORS} } }`;

const DECISIONS = ['MAINTAINED', 'PARTLY_INVALIDATED', 'INVALIDATED'] as const;
const GROUNDS = ['JUSTIFIED_REASON', 'FORCE_MAJEURE'] as const;

/** Year n's annual fee falls due on the (n-1)th filing anniversary. */
const feeYear = (filingDate: string, dueDate: string): number => Number(dueDate.slice(0, 4)) - Number(filingDate.slice(0, 4)) + 1;

function DateField({ name, label, optional = false, extra }: { name: string; label: string; optional?: boolean; extra?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} extra={extra} rules={optional ? [] : [{ required: true, message: t('lifecycle.dateRequired') }]}>
      <DatePicker className="full-width" disabledDate={afterToday} data-testid={`field-${name}`} />
    </Form.Item>
  );
}

export function PatentActions({ p }: { p: PatentRecord }) {
  const { t, label } = useI18n();
  const number = p.applicationNumber;
  const fee = p.annualFee;
  const granted = p.status === 'GRANTED';
  const lapsedFee = granted && fee?.state === 'LAPSED';
  const nextYear = granted && fee !== null && fee.nextDueDate !== null && !lapsedFee ? feeYear(p.filingDate, fee.nextDueDate) : undefined;
  // Pending: the outcome is not final (undecided, or declared invalid while a court action may come); undecided: CNIPA has not decided.
  const pending = p.invalidation?.pending === true;
  const undecided = p.invalidation !== null && p.invalidation.decision === null;
  const disposable = p.freeze === null && (p.status === 'PENDING' || granted);
  const today = todayValue();
  const ops = [
    p.status === 'PENDING' && (
      <Operation<{ grantDate: Dayjs; grantPublicationNumber: string }>
        key="grant"
        testId="patent-grant"
        primary
        title={t('lifecycle.grantAction')}
        done={t('lifecycle.granted', { number })}
        initialValues={{ grantDate: today }}
        submit={(f) =>
          mutate(GRANT, { input: { applicationNumber: number, grantDate: isoDay(f.grantDate), grantPublicationNumber: f.grantPublicationNumber.trim() } })
        }
      >
        <DateField name="grantDate" label={t('lifecycle.grantDate')} />
        <Form.Item
          name="grantPublicationNumber"
          label={t('lifecycle.grantPublicationNumber')}
          extra={t('lifecycle.grantPublicationNumberHelp')}
          rules={[{ required: true, whitespace: true, message: t('lifecycle.grantPublicationNumberRequired') }]}
        >
          <Input className="mono" maxLength={16} autoComplete="off" data-testid="patent-grant-number" />
        </Form.Item>
      </Operation>
    ),
    nextYear !== undefined && (
      <Operation<{ paidOn: Dayjs }>
        key="pay"
        testId="patent-pay-fee"
        primary={fee?.state === 'DUE_SOON' || fee?.state === 'GRACE'}
        title={t('lifecycle.payAction', { year: nextYear })}
        intro={t('lifecycle.payIntro', { year: nextYear, due: fee?.nextDueDate ?? '' })}
        done={t('lifecycle.paid', { year: nextYear })}
        initialValues={{ paidOn: today }}
        submit={(f) => mutate(PAY, { input: { applicationNumber: number, year: nextYear, paidOn: isoDay(f.paidOn) } })}
      >
        <DateField name="paidOn" label={t('lifecycle.paidOn')} />
      </Operation>
    ),
    lapsedFee && (
      <Operation<{ terminationNoticeOn?: Dayjs }>
        key="lapse"
        testId="patent-lapse"
        danger
        title={t('lifecycle.lapseAction')}
        intro={t('lifecycle.lapseIntro', { due: fee?.nextDueDate ?? '', end: fee?.graceEndsOn ?? '' })}
        done={t('lifecycle.lapsed', { number })}
        submit={(f) =>
          mutate(LAPSE, { input: { applicationNumber: number, ...(f.terminationNoticeOn ? { terminationNoticeOn: isoDay(f.terminationNoticeOn) } : {}) } })
        }
      >
        <DateField name="terminationNoticeOn" label={t('lifecycle.terminationNoticeOn')} extra={t('lifecycle.terminationNoticeHelp')} optional />
      </Operation>
    ),
    p.status === 'LAPSED' && (
      <Operation<{ ground: (typeof GROUNDS)[number]; requestedOn: Dayjs; restoredOn: Dayjs; obstacleRemovedOn?: Dayjs; terminationNoticeOn?: Dayjs }>
        key="restore"
        testId="patent-restore"
        primary
        title={t('lifecycle.restoreAction')}
        intro={t('lifecycle.restoreIntro', { date: p.lapsedOn ?? '' })}
        done={t('lifecycle.restored', { number })}
        initialValues={{ ground: 'JUSTIFIED_REASON', requestedOn: today, restoredOn: today }}
        submit={(f) =>
          mutate(RESTORE, {
            input: {
              applicationNumber: number,
              ground: f.ground,
              requestedOn: isoDay(f.requestedOn),
              restoredOn: isoDay(f.restoredOn),
              ...(f.ground === 'FORCE_MAJEURE' && f.obstacleRemovedOn ? { obstacleRemovedOn: isoDay(f.obstacleRemovedOn) } : {}),
              ...(f.ground === 'JUSTIFIED_REASON' && f.terminationNoticeOn ? { terminationNoticeOn: isoDay(f.terminationNoticeOn) } : {}),
            },
          })
        }
      >
        <Form.Item name="ground" label={t('lifecycle.restoreGround')}>
          <Radio.Group data-testid="restore-ground" options={GROUNDS.map((g) => ({ value: g, label: label('RestorationGround', g) }))} />
        </Form.Item>
        <DateField name="requestedOn" label={t('lifecycle.restoreRequestedOn')} />
        <DateField name="restoredOn" label={t('lifecycle.restoredOn')} />
        <Form.Item noStyle shouldUpdate={(a: { ground?: string }, b: { ground?: string }) => a.ground !== b.ground}>
          {({ getFieldValue }) =>
            getFieldValue('ground') === 'FORCE_MAJEURE' ? (
              <DateField name="obstacleRemovedOn" label={t('lifecycle.obstacleRemovedOn')} />
            ) : (
              p.terminationNoticeOn === null && (
                <DateField name="terminationNoticeOn" label={t('lifecycle.terminationNoticeOn')} extra={t('lifecycle.terminationNoticeHelp')} />
              )
            )
          }
        </Form.Item>
      </Operation>
    ),
    granted && !pending && (
      <Operation<{ requestedOn: Dayjs; requester: string }>
        key="request"
        testId="patent-request-invalidation"
        title={t('lifecycle.requestAction')}
        done={t('lifecycle.requested', { number })}
        initialValues={{ requestedOn: today }}
        submit={(f) => mutate(REQUEST, { input: { applicationNumber: number, requestedOn: isoDay(f.requestedOn), requester: f.requester.trim() } })}
      >
        <DateField name="requestedOn" label={t('lifecycle.requestedOn')} />
        <Form.Item name="requester" label={t('lifecycle.requester')} rules={[{ required: true, whitespace: true, message: t('lifecycle.requesterRequired') }]}>
          <Input maxLength={200} data-testid="patent-requester" />
        </Form.Item>
      </Operation>
    ),
    undecided && (
      <Operation<{ decision: string; decidedOn: Dayjs }>
        key="decide"
        testId="patent-decide-invalidation"
        primary
        title={t('lifecycle.decideAction')}
        intro={t('lifecycle.invalidationLine', { date: p.invalidation?.requestedOn ?? '', requester: p.invalidation?.requester ?? '' })}
        done={t('lifecycle.decided', { number })}
        initialValues={{ decidedOn: today, decision: 'MAINTAINED' }}
        submit={(f) => mutate(DECIDE, { input: { applicationNumber: number, decision: f.decision, decidedOn: isoDay(f.decidedOn) } })}
      >
        <Form.Item name="decision" label={t('lifecycle.decision')}>
          <Select
            data-testid="patent-decision"
            options={DECISIONS.map((d) => ({ value: d, label: label('InvalidationDecision', d) }))}
            aria-label={t('lifecycle.decision')}
          />
        </Form.Item>
        <DateField name="decidedOn" label={t('lifecycle.decidedOn')} />
      </Operation>
    ),
  ].filter(Boolean);
  const query = (form: string) => `/disposals?form=${form}&kind=PATENT&number=${encodeURIComponent(number)}`;
  return (
    <Space wrap data-testid="patent-actions">
      {ops}
      {disposable && (
        <Link to={query('transfer')} data-testid="patent-transfer">
          {t('disposals.registerTransfer')}
        </Link>
      )}
      {disposable && granted && (
        <Link to={query('licence')} data-testid="patent-licence">
          {t('disposals.registerLicence')}
        </Link>
      )}
      {ops.length === 0 && !disposable && <span>{t('lifecycle.nothingToDo')}</span>}
    </Space>
  );
}
