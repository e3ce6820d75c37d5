// An insurance policy's parts as the insured enterprise and the insurer both see them: what it
// covers, and its claims (the insurer's page adds the settling buttons).
import { Space, Table, Tag } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';

import { dateTime, yuan } from '../format';
import { useI18n } from '../i18n';
import { ScrollRegion } from './ScrollRegion';
import { type Tone, ToneTag } from './ToneTag';

/** The fields a policy is read with, wherever it is listed. */
export const POLICY_FIELDS = `id product insuranceCompany { name } premium sumInsured paidOut issuedAt
  period { startDate endDate } insured { id name }
  coveredAssets { kind: rightKind id patent { title } dataAsset { name } }
  claims { id amount status protectionCaseId filedAt settledAt }`;

export interface IpAsset {
  readonly kind: string;
  readonly id: string;
  readonly patent: { readonly title: string } | null;
  readonly dataAsset: { readonly name: string } | null;
}

export interface Claim {
  readonly id: string;
  readonly amount: string;
  readonly status: string;
  readonly protectionCaseId: string | null;
  readonly filedAt: string;
  readonly settledAt: string | null;
}

export interface Policy {
  readonly id: string;
  readonly product: string;
  readonly insuranceCompany: { readonly name: string };
  readonly premium: string;
  readonly sumInsured: string;
  readonly paidOut: string;
  readonly issuedAt: string;
  readonly period: { readonly startDate: string; readonly endDate: string };
  readonly insured: { readonly id: string; readonly name: string };
  readonly coveredAssets: readonly IpAsset[];
  readonly claims: readonly Claim[];
}

const CLAIM_TONES: Record<string, Tone> = { FILED: 'orange', PAID: 'green', REJECTED: 'grey' };

/** Products whose claims name the protection case the loss arose in (subgraphs/finance/insurance.ts). */
export const CASE_PRODUCTS: readonly string[] = ['INFRINGEMENT_LOSS', 'ENFORCEMENT_COST'];

export function ClaimStatus({ status }: { status: string }) {
  const { label } = useI18n();
  return <ToneTag tone={CLAIM_TONES[status] ?? 'grey'}>{label('InsuranceClaimStatus', status)}</ToneTag>;
}

/** A pledged or insured asset: its kind, its number, and its title when the hub knows it. */
export function AssetList({ assets }: { assets: readonly IpAsset[] }) {
  const { label } = useI18n();
  return (
    <Space orientation="vertical" size={2}>
      {assets.map((a) => (
        <span key={`${a.kind}-${a.id}`}>
          <Tag>{label('RightKind', a.kind)}</Tag>
          <span className="mono">{a.id}</span> {a.patent?.title ?? a.dataAsset?.name ?? ''}
        </span>
      ))}
    </Space>
  );
}

export function ClaimsTable({ claims, actions }: { claims: readonly Claim[]; actions?: (claim: Claim) => ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <ScrollRegion label={t('policies.claims')} minWidth={actions === undefined ? 640 : 840}>
      <Table<Claim>
        rowKey="id"
        size="small"
        dataSource={[...claims]}
        pagination={false}
        locale={{ emptyText: t('policies.noClaims') }}
        onRow={(c) => ({ 'data-testid': 'claim-row', 'data-id': c.id, 'data-status': c.status }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('policies.claimAmount'), width: 140, align: 'right', render: (_, c) => yuan(c.amount, lang) },
          { title: t('common.state'), width: 100, render: (_, c) => <ClaimStatus status={c.status} /> },
          { title: t('policies.filedAt'), width: 170, render: (_, c) => dateTime(c.filedAt, lang) },
          { title: t('policies.settledAt'), width: 170, render: (_, c) => (c.settledAt === null ? '' : dateTime(c.settledAt, lang)) },
          { title: t('policies.protectionCase'), render: (_, c) => <span className="mono">{c.protectionCaseId ?? ''}</span> },
          ...(actions === undefined ? [] : [{ title: t('common.actions'), width: 200, render: (_: unknown, c: Claim) => actions(c) }]),
        ]}
      />
    </ScrollRegion>
  );
}

/** What is left of the sum insured, in fen. */
export const remainingFen = (p: Policy): bigint => BigInt(p.sumInsured) - BigInt(p.paidOut);
