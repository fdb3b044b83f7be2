// @ts-check
/**
 * `npm start`'s entry: sizes libuv's threadpool to the machine's cores (token signing runs on it, so
 * signing threads match the cores and do not crowd out the event loop), then runs launch.mjs, which
 * builds what is out of date and starts the compiled server. A UV_THREADPOOL_SIZE already set is
 * kept.
 *
 * libuv reads UV_THREADPOOL_SIZE once, when the first job (async fs, crypto, dns, zlib) creates the
 * pool. This entry is CommonJS because the CommonJS loader reads it synchronously, so the pool does
 * not exist yet when it runs; an ES module entry is read through asynchronous fs, which creates the
 * pool (at the default size, 4) before any of its code runs.
 */
"use strict";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose (above)
const os = require("node:os");

process.env.UV_THREADPOOL_SIZE ||= String(os.availableParallelism());

import("./launch.mjs");
