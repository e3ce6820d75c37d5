// The pledgor's answers, as itself (专利权质押登记办法 art. 7(1): the pledge is applied for jointly):
// confirm or decline a pledge its pledgee proposed, each dialog summing the proposal up; confirm or
// decline an amendment the pledgee proposed. A proposal naming patents under an invalidation request
// is confirmed only with those risks acknowledged, and the confirmation names them back.
import { Checkbox, Descriptions, Form, Input, Space } from 'antd';

import { mutate, USER_ERRORS } from '../../../api';
import { AssetList, type IpAsset } from '../../../components/Insurance';
import { Operation } from '../../../components/Operation';
import { yuan } from '../../../format';
import { useI18n } from '../../../i18n';

const ANSWER = `pledge { id state } ${USER_ERRORS}`;
const CONFIRM = `mutation Confirm($input: ConfirmPledgeInput!) { pledgeConfirm(input: $input) { ${ANSWER} } }`;
const DECLINE = `mutation Decline($input: AnswerPledgeInput!) { pledgeDecline(input: $input) { ${ANSWER} } }`;
const CONFIRM_AMENDMENT = `mutation ConfirmAmendment($input: AnswerPledgeAmendmentInput!) { pledgeAmendmentConfirm(input: $input) { ${ANSWER} } }`;
const DECLINE_AMENDMENT = `mutation DeclineAmendment($input: AnswerPledgeAmendmentInput!) { pledgeAmendmentDecline(input: $input) { ${ANSWER} } }`;

/** What the answers read of a pledge, beside its collateral. */
export const ANSWER_FIELDS = `pledgeeOrganization { name kind } application { contract { date digest } }
  acknowledgedRisks { asset { id patent { title } } risk since }
  pendingAmendment { securedAmount term { endDate } contract { date digest } }`;

interface Contract {
  readonly date: string;
  readonly digest: string;
}

export interface Answerable {
  readonly id: string;
  readonly registrationNumber: string;
  readonly pledgeeOrganization: { readonly name: string; readonly kind: string };
  readonly securedAmount: string;
  readonly term: { readonly startDate: string; readonly endDate: string };
  readonly collateral: readonly IpAsset[];
  readonly application: { readonly contract: Contract } | null;
  readonly acknowledgedRisks: readonly {
    readonly asset: { readonly id: string; readonly patent: { readonly title: string } | null };
    readonly risk: string;
    readonly since: string;
  }[];
  readonly pendingAmendment: { readonly securedAmount: string | null; readonly term: { readonly endDate: string } | null; readonly contract: Contract } | null;
}

function NoteField() {
  const { t } = useI18n();
  return (
    <Form.Item name="note" label={t('ownPledges.declineNote')}>
      <Input.TextArea rows={2} maxLength={2000} />
    </Form.Item>
  );
}

const noted = (note: string | undefined) => (note?.trim() ? { note: note.trim() } : {});

function ProposalSummary({ pledge: p }: { pledge: Answerable }) {
  const { t, label, lang } = useI18n();
  const contract = p.application?.contract;
  return (
    <Descriptions column={1} bordered size="small">
      <Descriptions.Item label={t('finance.registrationNumber')}>
        <span className="mono">{p.registrationNumber}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('finance.pledgee')}>
        {p.pledgeeOrganization.name} · {label('PledgeeKind', p.pledgeeOrganization.kind)}
      </Descriptions.Item>
      <Descriptions.Item label={t('finance.securedAmount')}>{yuan(p.securedAmount, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('finance.term')}>{t('finance.period', { start: p.term.startDate, end: p.term.endDate })}</Descriptions.Item>
      <Descriptions.Item label={t('finance.collateral')}>
        <AssetList assets={p.collateral} />
      </Descriptions.Item>
      {contract && (
        <>
          <Descriptions.Item label={t('pledges.contractDate')}>{contract.date}</Descriptions.Item>
          <Descriptions.Item label={t('ownPledges.contractDigest')}>
            <span className="mono">{contract.digest}</span>
          </Descriptions.Item>
        </>
      )}
    </Descriptions>
  );
}

export function ProposalAnswers({ pledge: p }: { pledge: Answerable }) {
  const { t } = useI18n();
  const invalidations = p.acknowledgedRisks.filter((r) => r.risk === 'UNDER_INVALIDATION');
  return (
    <Space wrap>
      <Operation<{ acknowledged?: boolean }>
        testId="own-pledge-confirm"
        primary
        title={t('ownPledges.confirm')}
        intro={
          <Space orientation="vertical" className="full-width">
            <ProposalSummary pledge={p} />
            {t('ownPledges.confirmIntro')}
          </Space>
        }
        done={t('ownPledges.confirmed', { number: p.registrationNumber })}
        submit={() =>
          mutate(CONFIRM, {
            input: { pledgeId: p.id, ...(invalidations.length > 0 ? { acknowledgedInvalidations: invalidations.map((r) => r.asset.id) } : {}) },
          })
        }
      >
        {invalidations.length > 0 && (
          <>
            <p>{t('ownPledges.risks')}</p>
            <ul data-testid="own-pledge-risks">
              {invalidations.map((r) => (
                <li key={r.asset.id}>
                  <span className="mono">{r.asset.id}</span> {r.asset.patent?.title} · {t('ownPledges.riskSince', { since: r.since })}
                </li>
              ))}
            </ul>
            <Form.Item
              name="acknowledged"
              valuePropName="checked"
              rules={[{ validator: async (_, v?: boolean) => (v ? undefined : Promise.reject(new Error(t('ownPledges.acknowledgeRequired')))) }]}
            >
              <Checkbox data-testid="own-pledge-acknowledge">{t('ownPledges.acknowledge')}</Checkbox>
            </Form.Item>
          </>
        )}
      </Operation>
      <Operation<{ note?: string }>
        testId="own-pledge-decline"
        danger
        title={t('ownPledges.decline')}
        intro={
          <Space orientation="vertical" className="full-width">
            <ProposalSummary pledge={p} />
            {t('ownPledges.declineIntro')}
          </Space>
        }
        done={t('ownPledges.declined', { number: p.registrationNumber })}
        submit={(f) => mutate(DECLINE, { input: { pledgeId: p.id, ...noted(f.note) } })}
      >
        <NoteField />
      </Operation>
    </Space>
  );
}

export function AmendmentAnswers({ pledge: p }: { pledge: Answerable }) {
  const { t, lang } = useI18n();
  const amendment = p.pendingAmendment;
  if (amendment === null) return null;
  const summary = (
    <>
      <p>{t('ownPledges.amendIntro', { number: p.registrationNumber })}</p>
      <ul>
        {amendment.securedAmount !== null && (
          <li>{t('ownPledges.amendAmount', { before: yuan(p.securedAmount, lang), after: yuan(amendment.securedAmount, lang) })}</li>
        )}
        {amendment.term !== null && <li>{t('ownPledges.amendTerm', { before: p.term.endDate, after: amendment.term.endDate })}</li>}
        <li>
          {t('ownPledges.amendContract', { date: amendment.contract.date })} <span className="mono">{amendment.contract.digest}</span>
        </li>
      </ul>
    </>
  );
  return (
    <Space wrap>
      <Operation<object>
        testId="own-pledge-amend-confirm"
        primary
        title={t('ownPledges.amendConfirm')}
        intro={summary}
        done={t('ownPledges.amendConfirmed')}
        submit={() => mutate(CONFIRM_AMENDMENT, { input: { pledgeId: p.id } })}
      />
      <Operation<{ note?: string }>
        testId="own-pledge-amend-decline"
        danger
        title={t('ownPledges.amendDecline')}
        intro={summary}
        done={t('ownPledges.amendDeclined')}
        submit={(f) => mutate(DECLINE_AMENDMENT, { input: { pledgeId: p.id, ...noted(f.note) } })}
      >
        <NoteField />
      </Operation>
    </Space>
  );
}
