// The evidence categories as the certificate names them, Chinese then English (the portal's
// words for them, web/app/src/messages/enterprise.ts).
const LABELS: Readonly<Record<string, string>> = {
  CONTRACT: '合同 Contract',
  DOCUMENT: '文档 Document',
  PRODUCT_PHOTO: '产品照片 Product photo',
  DESIGN_DRAWING: '设计图 Design drawing',
  SOURCE_CODE: '源代码 Source code',
  WEB_PAGE: '网页 Web page',
  AUDIO_VIDEO: '音视频 Audio or video',
  DATA_SET: '数据集 Data set',
  OTHER: '其他 Other',
};

/** A category's label; a value this list does not know (a category added since) as it is. */
export const categoryLabel = (category: string): string => (Object.hasOwn(LABELS, category) ? LABELS[category]! : category);

/** The categories labelled here, for the test that holds them to the API's. */
export const LABELLED_CATEGORIES: readonly string[] = Object.keys(LABELS);
