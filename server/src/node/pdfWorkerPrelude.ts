// Imported by pdfWorker.ts before pdf.js: keeps V8's own Array.prototype.push.
// pdf.js's legacy build carries core-js, which replaces push with a JavaScript
// version for a length-overflow corner case V8 does not follow; that version
// cost a third of the reading time of a long PDF (profiled). pdfWorker.ts puts
// the native one back once pdf.js has loaded.
export const nativePush = Array.prototype.push;
