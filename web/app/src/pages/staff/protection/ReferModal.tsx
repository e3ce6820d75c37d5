// Referring a case to a court: the API needs the court's name (and takes a note).
import { Form, Input, Modal } from 'antd';

import { useI18n } from '../../../i18n';

interface Fields {
  court: string;
  note?: string;
}

export function ReferModal({
  open,
  busy,
  onRefer,
  onCancel,
}: {
  open: boolean;
  busy: boolean;
  onRefer: (court: string, note: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Fields>();
  return (
    <Modal
      open={open}
      title={t('protection.referTitle')}
      okText={t('protection.refer')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'protection-refer-submit' }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
      afterClose={() => form.resetFields()}
    >
      <Form<Fields> form={form} layout="vertical" onFinish={(v) => onRefer(v.court.trim(), (v.note ?? '').trim())}>
        <Form.Item name="court" label={t('protection.court')} rules={[{ required: true, whitespace: true, message: t('protection.courtRequired') }]}>
          <Input data-testid="protection-court" maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('protection.note')}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
