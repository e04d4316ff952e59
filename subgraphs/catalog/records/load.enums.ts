import { defineEnum } from '../../kit/server/enums.js';

export const LOAD_SOURCES = ['CSV', 'JSON', 'API'] as const;
export type LoadSource = (typeof LOAD_SOURCES)[number];

/** REPLACE: the load is the entry's whole data from now on; APPEND: its rows add to the current ones. */
export const LOAD_MODES = ['REPLACE', 'APPEND'] as const;
export type LoadMode = (typeof LOAD_MODES)[number];

/** LOADING until its transaction ends: LOADED with its rows, or REJECTED with none; DESTROYED once its rows were destroyed by approval. */
export const LOAD_STATUSES = ['LOADING', 'LOADED', 'REJECTED', 'DESTROYED'] as const;
export type LoadStatus = (typeof LOAD_STATUSES)[number];

export const LoadSourceEnum = defineEnum(LOAD_SOURCES, {
  name: 'LoadSource',
  description: '记录的来源 / how the records came',
  valuesConfig: {
    CSV: { description: '上传的CSV文件 / an uploaded CSV file' },
    JSON: { description: '上传的JSON文件 / an uploaded JSON file' },
    API: { description: '批量接口 / the batched API' },
  },
});

export const LoadModeEnum = defineEnum(LOAD_MODES, {
  name: 'LoadMode',
  description: '加载对已有数据的作用 / what a load does to the entry’s current records',
  valuesConfig: {
    REPLACE: { description: '替换：本次加载成为条目的全部数据 / replace: the load becomes the entry’s whole data' },
    APPEND: { description: '追加：本次加载的记录加入现有数据 / append: the load’s records add to the current ones' },
  },
});

export const LoadStatusEnum = defineEnum(LOAD_STATUSES, {
  name: 'LoadStatus',
  description: '加载状态 / the state of a load',
  valuesConfig: {
    LOADING: { description: '加载中：等待或正在上传 / loading: the upload is awaited or under way' },
    LOADED: { description: '已加载 / loaded: its records are the entry’s data' },
    REJECTED: { description: '被拒绝：有错误，未写入任何记录 / rejected: it had errors and wrote no record' },
    DESTROYED: { description: '已销毁：其记录经批准销毁 / destroyed: its records were destroyed by approval' },
  },
});

/** The file formats of an upload. */
export const UPLOAD_FORMATS = ['CSV', 'JSON'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];
export const UploadFormatEnum = defineEnum(UPLOAD_FORMATS, {
  name: 'UploadFormat',
  description: '上传文件的格式 / the format of an uploaded file',
  valuesConfig: {
    CSV: { description: 'CSV（UTF-8，首行为信息项名称）/ CSV (UTF-8, a header row of item names)' },
    JSON: { description: 'JSON：对象数组，或每行一个对象（NDJSON）/ JSON: an array of objects, or one object per line (NDJSON)' },
  },
});
