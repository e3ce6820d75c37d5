// A ledger certificate as a person keeps it: the JSON file (which ledger/verify checks offline),
// for a deposit the PDF certificate the hub renders (which carries that file), a printable copy,
// and the hub's /verify page.
import { Button, Descriptions, Modal, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';

import { dateTime } from '../format';
import { useI18n } from '../i18n';

export interface Receipt {
  readonly seq: number;
  readonly entryHash: string;
  readonly timestamp: string;
}

interface Props {
  readonly title: string;
  /** The deposited file's SHA-256, for the /verify link; absent for records that are not files (a pledge). */
  readonly digest?: string;
  readonly receipt: Receipt;
  readonly certificate: unknown;
  /** An evidence deposit's: offer its PDF certificate (GET /certificates/<seq>.pdf). */
  readonly pdf?: boolean;
}

/** A download link for the certificate as JSON (test id `certificate-json`). */
function JsonLink({ seq, certificate }: { seq: number; certificate: unknown }) {
  const { t } = useI18n();
  const url = useMemo(() => URL.createObjectURL(new Blob([JSON.stringify(certificate, null, 2)], { type: 'application/json' })), [certificate]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a data-testid="certificate-json" href={url} download={`iphub-certificate-${seq}.json`}>
      {t('certificate.json')}
    </a>
  );
}

export function CertificateActions({ title, digest, receipt, certificate, pdf = false }: Props) {
  const { t, lang } = useI18n();
  const [printing, setPrinting] = useState(false);
  return (
    <Space wrap>
      <JsonLink seq={receipt.seq} certificate={certificate} />
      {pdf && (
        // The session cookie goes with it: the hub renders the PDF for whoever may read the deposit.
        <a data-testid="certificate-pdf" href={`/certificates/${receipt.seq}.pdf`} download={`iphub-certificate-${receipt.seq}.pdf`}>
          {t('certificate.pdf')}
        </a>
      )}
      <Button size="small" onClick={() => setPrinting(true)}>
        {t('certificate.printable')}
      </Button>
      {digest !== undefined && (
        <a href={`/verify?digest=${digest}`} target="_blank" rel="noreferrer">
          {t('certificate.verify')}
        </a>
      )}
      <Modal
        open={printing}
        title={t('certificate.heading')}
        onCancel={() => setPrinting(false)}
        width={720}
        footer={[
          <Button key="close" className="no-print" onClick={() => setPrinting(false)}>
            {t('common.close')}
          </Button>,
          <Button key="print" className="no-print" type="primary" onClick={() => window.print()}>
            {t('certificate.print')}
          </Button>,
        ]}
      >
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('certificate.title')}>{title}</Descriptions.Item>
          {digest !== undefined && (
            <Descriptions.Item label={t('certificate.digest')}>
              <span className="mono">{digest}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('certificate.seq')}>{receipt.seq}</Descriptions.Item>
          <Descriptions.Item label={t('certificate.time')}>{dateTime(receipt.timestamp, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('certificate.entryHash')}>
            <span className="mono">{receipt.entryHash}</span>
          </Descriptions.Item>
        </Descriptions>
        <p>{t('certificate.howToCheck')}</p>
        <pre className="mono certificate-pre">{JSON.stringify(certificate, null, 2)}</pre>
      </Modal>
    </Space>
  );
}
