// The words of the court's referred cases.
export const COURT = {
  'court.title': ['移送本院的案件', 'Cases referred to this court'],
  'court.intro': [
    '保护中心移送给 {court} 的案件及其证据。点击「核验」在核验页面用您信任的公钥独立核验证据，无需信任本平台。',
    'Cases the centre referred to {court}, with their evidence. "Verify" checks a deposit on the verification page against the key you trust, without trusting this hub.',
  ],
  'court.none': ['暂无移送的案件', 'No cases have been referred'],
  'court.kind': ['案件类型', 'Kind'],
  'court.applied': ['申请时间', 'Applied'],
  'court.parties': ['当事人', 'Parties'],
  'court.rights': ['涉及权利', 'Rights'],
  'court.evidence': ['证据', 'Evidence'],
  'court.noEvidence': ['未附证据', 'No evidence attached'],
  'court.verify': ['核验', 'Verify'],
  'court.deposited': ['账本第 {seq} 条，{at} 存证', 'Ledger entry {seq}, deposited {at}'],
} as const;
