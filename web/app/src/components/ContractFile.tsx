// The signed contract behind a transfer or licence: chosen here, hashed (SHA-256) in the
// browser's hashing worker and never uploaded; only its digest reaches the hub. The file input
// has test id `testId`.
import { Progress, Space, Typography } from 'antd';
import { useRef, useState } from 'react';

import { hashFile } from '../hash-files';
import { useI18n } from '../i18n';

interface Hashing {
  readonly name: string;
  readonly size: number;
  readonly hashed: number;
  readonly digest?: string;
  readonly failed?: string;
}

export function ContractFile({ testId, onDigest, missing }: { testId: string; onDigest: (digest: string | undefined) => void; missing?: boolean }) {
  const { t } = useI18n();
  const [file, setFile] = useState<Hashing>();
  // The latest file chosen: a file chosen before it, still hashing, reports to nobody.
  const latest = useRef(0);
  const choose = (chosen: File | undefined) => {
    const mine = ++latest.current;
    onDigest(undefined);
    if (chosen === undefined) return setFile(undefined);
    const start: Hashing = { name: chosen.name, size: chosen.size, hashed: 0 };
    setFile(start);
    hashFile(chosen, (hashed) => mine === latest.current && setFile({ ...start, hashed })).then(
      (digest) => {
        if (mine !== latest.current) return;
        setFile({ ...start, hashed: chosen.size, digest });
        onDigest(digest);
      },
      (err: unknown) => mine === latest.current && setFile({ ...start, failed: (err as Error).message }),
    );
  };
  return (
    <fieldset className="form-group">
      <legend>{t('contract.file')}</legend>
      <Space orientation="vertical" className="full-width">
        <label className="file-button">
          {file === undefined ? t('contract.choose') : t('contract.chooseAnother')}
          <input
            data-testid={testId}
            className="visually-hidden"
            type="file"
            onChange={(e) => {
              choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        <Typography.Text type="secondary">{t('contract.private')}</Typography.Text>
        {file && (
          <>
            <Progress
              aria-label={t('deposit.hashingOf', { name: file.name })}
              size="small"
              percent={file.size === 0 ? 100 : Math.floor((file.hashed / file.size) * 100)}
              status={file.failed ? 'exception' : undefined}
            />
            <Typography.Text>
              {file.name}
              {file.digest && (
                <>
                  {' · '}
                  <span className="mono" data-testid={`${testId}-digest`}>
                    {file.digest}
                  </span>
                </>
              )}
            </Typography.Text>
            {file.failed && <Typography.Text type="danger">{file.failed}</Typography.Text>}
          </>
        )}
        {missing && file?.digest === undefined && <Typography.Text type="danger">{t('contract.required')}</Typography.Text>}
      </Space>
    </fieldset>
  );
}
