// A data asset's registration certificate, asked of the hub only when its row is opened.
import { Spin } from 'antd';

import { CertificateActions, type Receipt } from '../../../components/Certificate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useGraphQL } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const CERTIFICATE = `query DataAssetCertificate($id: ID!) { dataAsset(id: $id) { id certificate } }`;

export interface DataAsset {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly fingerprint: string;
  readonly registeredAt: string;
  readonly receipt: Receipt;
}

export function AssetCertificate({ asset }: { asset: DataAsset }) {
  const { t } = useI18n();
  const query = useGraphQL<{ dataAsset: { id: string; certificate: unknown } | null }>(CERTIFICATE, { id: asset.id });
  if (query.error) return <ErrorAlert error={query.error} />;
  const found = query.data?.dataAsset;
  if (found === null) return <ErrorAlert error={new Error(t('assets.gone'))} />;
  if (found === undefined || found.id !== asset.id) return <Spin size="small" aria-label={t('common.loading')} />;
  return (
    <div data-testid="asset-certificate">
      {asset.description && <p>{asset.description}</p>}
      <p>
        {t('assets.fullFingerprint')}
        <span className="mono">{asset.fingerprint}</span>
      </p>
      <CertificateActions title={asset.name} digest={asset.fingerprint} receipt={asset.receipt} certificate={found.certificate} />
    </div>
  );
}
