// Cairn's version, recorded in reports and shown in the app. Kept in step with package.json by a unit test.

export const CAIRN_VERSION = '0.1.0'
