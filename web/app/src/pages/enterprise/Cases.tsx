// The enterprise's filings and cases: its pre-examination cases and protection cases (each with
// its history), and filing a patent application for pre-examination or applying for protection.
import { Button, Modal, Space, Spin, Tabs } from 'antd';
import { type ReactNode, useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { type Own, useOwn } from './cases/own';
import { PreExamFiling } from './cases/PreExamFiling';
import { PreExamList } from './cases/PreExamList';
import { ProtectionApplication } from './cases/ProtectionApplication';
import { ProtectionList } from './cases/ProtectionList';
import { NoEnterprise } from './NoEnterprise';

/** A form that needs the enterprise's own name, rights and deposits, read when it opens. */
function WithOwn({ enterpriseId, children }: { enterpriseId: string; children: (own: Own) => ReactNode }) {
  const { t } = useI18n();
  const own = useOwn(enterpriseId);
  if (own.error) return <ErrorAlert error={own.error} />;
  if (own.data === undefined) return <Spin aria-label={t('common.loading')} />;
  return own.data.enterprise === null ? <NoEnterprise /> : children(own.data.enterprise);
}

function CasesOf({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useI18n();
  const [tab, setTab] = useState('preexam');
  const [form, setForm] = useState<'file' | 'apply'>();
  const done = (next: string) => {
    setForm(undefined);
    setTab(next);
  };
  return (
    <>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'preexam',
            label: t('cases.preExamTab'),
            children: (
              <Space orientation="vertical" className="full-width">
                <Button data-testid="preexam-new" type="primary" onClick={() => setForm('file')}>
                  {t('cases.fileTab')}
                </Button>
                <PreExamList />
              </Space>
            ),
          },
          {
            key: 'protection',
            label: t('cases.protectionTab'),
            children: (
              <Space orientation="vertical" className="full-width">
                <Button data-testid="protection-new" type="primary" onClick={() => setForm('apply')}>
                  {t('cases.applyTab')}
                </Button>
                <ProtectionList />
              </Space>
            ),
          },
        ]}
      />
      <Modal open={form === 'file'} title={t('cases.fileTab')} footer={null} onCancel={() => setForm(undefined)} destroyOnHidden>
        <WithOwn enterpriseId={enterpriseId}>{(own) => <PreExamFiling own={own} onFiled={() => done('preexam')} />}</WithOwn>
      </Modal>
      <Modal open={form === 'apply'} title={t('cases.applyTab')} footer={null} onCancel={() => setForm(undefined)} destroyOnHidden width={720}>
        <WithOwn enterpriseId={enterpriseId}>{(own) => <ProtectionApplication own={own} onApplied={() => done('protection')} />}</WithOwn>
      </Modal>
    </>
  );
}

export default function Cases() {
  const { t } = useI18n();
  const { enterpriseId } = useAccount();
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('cases.heading')} intro={t('cases.intro')} />
      {enterpriseId === null ? <NoEnterprise /> : <CasesOf enterpriseId={enterpriseId} />}
    </Space>
  );
}
