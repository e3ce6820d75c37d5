// Registering a data set: its name, a description and its SHA-256 fingerprint, which the page
// can compute from a chosen file here in the browser (the file is never uploaded).
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Progress, Space, Typography } from 'antd';
import { useState } from 'react';

import { mutate, USER_ERRORS } from '../../../api';
import { CertificateActions, type Receipt } from '../../../components/Certificate';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { hashFile } from '../../../hash-files';
import { useIdempotencyKey } from '../../../hooks/useIdempotencyKey';
import { useI18n } from '../../../i18n';

const REGISTER = `mutation RegisterDataAsset($input: RegisterDataAssetInput!) {
  dataAssetRegister(input: $input) { dataAsset { id name fingerprint registeredAt receipt { seq entryHash timestamp } certificate } ${USER_ERRORS} }
}`;

interface Fields {
  name: string;
  description: string;
  fingerprint: string;
}

interface Registered {
  readonly id: string;
  readonly name: string;
  readonly fingerprint: string;
  readonly receipt: Receipt;
  readonly certificate: unknown;
}

/** The API's fingerprint: a SHA-256 as 64 hexadecimal characters (subgraphs/evidence/schema.ts). */
const FINGERPRINT = /^[0-9a-fA-F]{64}$/;

export function RegisterAsset() {
  const { t } = useI18n();
  const [form] = Form.useForm<Fields>();
  const queries = useQueryClient();
  const [hashing, setHashing] = useState<{ name: string; size: number; done: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [registered, setRegistered] = useState<Registered>();
  const [idempotencyKey, renewKey] = useIdempotencyKey();

  const hash = (file: File | undefined) => {
    if (file === undefined) return;
    setHashing({ name: file.name, size: file.size, done: 0 });
    setError(undefined);
    hashFile(file, (done) => setHashing({ name: file.name, size: file.size, done })).then(
      (digest) => {
        setHashing({ name: file.name, size: file.size, done: file.size });
        form.setFieldsValue({ fingerprint: digest });
        if (!form.getFieldValue('name')) form.setFieldsValue({ name: file.name.replace(/\.[^.]+$/, '').slice(0, 200) || file.name });
        void form.validateFields(['fingerprint']);
      },
      (err: unknown) => {
        setHashing(undefined);
        setError(err);
      },
    );
  };

  const submit = async (fields: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      const registered = await mutate<Registered>(REGISTER, {
        input: {
          name: fields.name.trim(),
          description: (fields.description ?? '').trim(),
          fingerprint: fields.fingerprint.trim().toLowerCase(),
          idempotencyKey,
        },
      });
      setRegistered(registered);
      renewKey();
      form.resetFields();
      setHashing(undefined);
      await queries.invalidateQueries();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<h2 className="card-title">{t('assets.register')}</h2>}>
      <Space orientation="vertical" size="middle" className="full-width">
        <Form<Fields> form={form} layout="vertical" onFinish={(v) => void submit(v)} className="narrow-form">
          <Form.Item name="name" label={t('assets.name')} rules={[{ required: true, whitespace: true, message: t('assets.nameRequired') }]}>
            <Input data-testid="asset-name" maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('assets.description')}>
            <Input.TextArea data-testid="asset-description" maxLength={2000} rows={3} showCount />
          </Form.Item>
          <Form.Item
            name="fingerprint"
            label={t('assets.fingerprint')}
            extra={t('assets.fingerprintHelp')}
            rules={[
              { required: true, message: t('assets.fingerprintRequired') },
              { pattern: FINGERPRINT, message: t('assets.fingerprintFormat') },
            ]}
          >
            <Input data-testid="asset-fingerprint" className="mono" maxLength={64} spellCheck={false} autoComplete="off" />
          </Form.Item>
          <Form.Item>
            <label className="file-button">
              <span>{t('assets.hashFile')}</span>
              <input
                data-testid="asset-file"
                className="visually-hidden"
                type="file"
                onChange={(e) => {
                  hash(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
            </label>
            <Typography.Paragraph type="secondary" className="form-note">
              {t('assets.private')}
            </Typography.Paragraph>
            {hashing && (
              <div>
                <Typography.Text>{hashing.name}</Typography.Text>
                <Progress size="small" percent={hashing.size === 0 ? 100 : Math.floor((hashing.done / hashing.size) * 100)} />
              </div>
            )}
          </Form.Item>
          <Button data-testid="asset-submit" type="primary" htmlType="submit" loading={busy}>
            {t('assets.submit')}
          </Button>
        </Form>
        <ErrorAlert error={error} />
        {registered && (
          <Card size="small" data-testid="asset-result" data-seq={registered.receipt.seq} title={registered.name}>
            <p>
              {t('assets.resultLine', { seq: registered.receipt.seq })} <span className="mono">{registered.fingerprint}</span>
            </p>
            <CertificateActions title={registered.name} digest={registered.fingerprint} receipt={registered.receipt} certificate={registered.certificate} />
          </Card>
        )}
      </Space>
    </Card>
  );
}
