// Preload for running electronegativity offline in the test: its two network lookups (translations, Electron
// release list) fail at once instead of after got's retries, so the scan takes seconds, not a quarter minute.
const Module = require('node:module');
const load = Module._load;
const offline = () => Promise.reject(new Error('offline'));
offline.head = offline; offline.get = offline;
Module._load = function (request, ...rest) { return request === 'got' ? offline : load.call(this, request, ...rest); };
