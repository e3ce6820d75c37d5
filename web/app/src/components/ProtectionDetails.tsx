// A protection case opened: its summary, parties, the rights concerned, the deposits it cites
// (each checkable on /verify), the court it went to, and its history. The enterprise's cases and
// the centre's queue show it alike.
import { Descriptions, Space, Tag } from 'antd';

import { dateTime, shortDigest } from '../format';
import { useI18n } from '../i18n';
import { Events, type WorkflowEvent } from './Events';

/** The fields a case is read with, wherever it is listed. */
export const PROTECTION_CASE_FIELDS = `id kind route summary state nextStates appliedAt outcomeAt court { name }
  parties { role name enterprise { id name } } ipRights { kind: rightKind number }
  evidence { id title contentDigest depositedAt } outcomeReceipt { seq timestamp }
  events { at actor role from to note }`;

export interface ProtectionCase {
  readonly id: string;
  readonly kind: string;
  readonly route: string;
  readonly summary: string;
  readonly state: string;
  readonly nextStates: readonly string[];
  readonly appliedAt: string;
  readonly outcomeAt: string | null;
  readonly court: { readonly name: string } | null;
  readonly parties: readonly { readonly role: string; readonly name: string; readonly enterprise: { readonly id: string; readonly name: string } | null }[];
  readonly ipRights: readonly { readonly kind: string; readonly number: string }[];
  /** null in place of a deposit the caller may not read (a respondent's, before staff accept the case). */
  readonly evidence: readonly ({ readonly id: string; readonly title: string; readonly contentDigest: string; readonly depositedAt: string } | null)[];
  readonly outcomeReceipt: { readonly seq: number; readonly timestamp: string } | null;
  readonly events: readonly WorkflowEvent[];
}

export const partiesOf = (c: ProtectionCase, role: 'CLAIMANT' | 'RESPONDENT'): string[] => c.parties.filter((p) => p.role === role).map((p) => p.name);

export function ProtectionDetails({ c }: { c: ProtectionCase }) {
  const { t, label, lang } = useI18n();
  const none = t('common.none');
  return (
    <Space orientation="vertical" className="full-width" data-testid="protection-details">
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'summary', label: t('protection.summary'), children: <span className="pre-line">{c.summary}</span> },
          { key: 'claimant', label: t('protection.claimant'), children: partiesOf(c, 'CLAIMANT').join('、') || none },
          { key: 'respondents', label: t('protection.respondents'), children: partiesOf(c, 'RESPONDENT').join('、') || none },
          {
            key: 'rights',
            label: t('protection.rights'),
            children: (
              <Space wrap size={[4, 4]}>
                {c.ipRights.map((r) => (
                  <Tag key={`${r.kind}-${r.number}`}>
                    {label('RightKind', r.kind)} <span className="mono">{r.number}</span>
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'evidence',
            label: t('protection.evidence'),
            children:
              c.evidence.length === 0 ? (
                none
              ) : (
                <ul className="plain-list">
                  {c.evidence.map((e, i) =>
                    e === null ? (
                      <li key={`withheld-${i}`} className="withheld">
                        {t('protection.evidenceWithheld')}
                      </li>
                    ) : (
                      <li key={e.id}>
                        {e.title} ·{' '}
                        <a href={`/verify?digest=${e.contentDigest}`} target="_blank" rel="noreferrer" className="mono" title={e.contentDigest}>
                          {shortDigest(e.contentDigest)}
                        </a>
                      </li>
                    ),
                  )}
                </ul>
              ),
          },
          ...(c.court === null ? [] : [{ key: 'court', label: t('protection.referredTo'), children: c.court.name }]),
          ...(c.outcomeReceipt === null
            ? []
            : [
                {
                  key: 'outcome',
                  label: t('protection.outcome'),
                  children: t('protection.outcomeLine', { seq: c.outcomeReceipt.seq, time: dateTime(c.outcomeReceipt.timestamp, lang) }),
                },
              ]),
        ]}
      />
      <strong>{t('common.history')}</strong>
      <Events events={c.events} group="ProtectionState" />
    </Space>
  );
}
