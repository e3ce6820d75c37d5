// A deposit's certificate, asked of the hub only when its row is opened.
import { Spin } from 'antd';

import { CertificateActions, type Receipt } from '../../../components/Certificate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useGraphQL } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const CERTIFICATE = `query EvidenceCertificate($id: ID!) { evidence(id: $id) { id certificate } }`;

export interface Deposit {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly contentDigest: string;
  readonly depositedAt: string;
  readonly receipt: Receipt;
}

export function DepositCertificate({ deposit }: { deposit: Deposit }) {
  const { t } = useI18n();
  const query = useGraphQL<{ evidence: { id: string; certificate: unknown } | null }>(CERTIFICATE, { id: deposit.id });
  if (query.error) return <ErrorAlert error={query.error} />;
  const evidence = query.data?.evidence;
  if (evidence === null) return <ErrorAlert error={new Error(t('deposits.gone'))} />;
  if (evidence === undefined || evidence.id !== deposit.id) return <Spin size="small" aria-label={t('common.loading')} />;
  return (
    <div data-testid="deposit-certificate">
      <p>
        {t('deposits.fullDigest')}
        <span className="mono">{deposit.contentDigest}</span>
      </p>
      <CertificateActions title={deposit.title} digest={deposit.contentDigest} receipt={deposit.receipt} certificate={evidence.certificate} pdf />
    </div>
  );
}
