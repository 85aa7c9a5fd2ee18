// Small book files made at test time, so that no test reads the workplace's shared books: a PDF
// written object by object (Helvetica text, optional /PageLabels, an image-only
// "scan", an /Encrypt dictionary), an EPUB 3 with a page list zipped by fflate.

import { zipSync, strToU8 } from 'fflate';

export interface PdfTextLine {
  text: string;
  x: number;
  y: number;
  size?: number;
}

export interface PdfOptions {
  /** The /PageLabels number tree, e.g. `<< /Nums [0 << /S /r >> 2 << /S /D >>] >>`. */
  pageLabels?: string;
  title?: string;
  author?: string;
  /** An /Encrypt dictionary whose password is not empty: pdf.js asks for one. */
  encrypted?: boolean;
}

// WinAnsiEncoding for the typographic marks novels use.
const WIN_ANSI: Record<string, number> = { '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };

function pdfString(text: string): string {
  let out = '';
  for (const c of text) {
    const code = WIN_ANSI[c] ?? c.charCodeAt(0);
    if (c === '(' || c === ')' || c === '\\') out += '\\' + c;
    else out += String.fromCharCode(code);
  }
  return `(${out})`;
}

/** A PDF whose pages hold the given lines of text (an empty list: a page with only an image, like a scan). */
export function makePdf(pages: PdfTextLine[][], options: PdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream');
  const kids: number[] = [];
  for (const lines of pages) {
    const content = lines.length
      ? lines.map((l) => `BT /F1 ${l.size ?? 11} Tf ${l.x} ${l.y} Td ${pdfString(l.text)} Tj ET`).join('\n')
      : 'q 400 0 0 600 100 100 cm /Im1 Do Q';
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 500 700] /Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R${options.pageLabels ? ` /PageLabels ${options.pageLabels}` : ''} >>`;
  const info = add(`<< ${options.title ? `/Title ${pdfString(options.title)} ` : ''}${options.author ? `/Author ${pdfString(options.author)}` : ''} >>`);
  const encrypt = options.encrypted ? add(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`) : undefined;

  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R${encrypt ? ` /Encrypt ${encrypt} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

export interface EpubChapter {
  file: string;
  title: string;
  /** XHTML body content. */
  body: string;
}

/** An EPUB 3: OPF metadata, a nav with a table of contents and (if given) a page list. */
export function makeEpub(chapters: EpubChapter[], options: { title?: string; author?: string; date?: string; pageList?: { href: string; label: string }[]; encryptContent?: boolean; ncxOnly?: boolean } = {}): Uint8Array {
  const xhtml = (title: string, body: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${title}</title></head><body>${body}</body></html>`;
  const nav = `<nav epub:type="toc"><ol>${chapters.map((c) => `<li><a href="${c.file}">${c.title}</a></li>`).join('')}</ol></nav>${
    options.pageList ? `<nav epub:type="page-list"><ol>${options.pageList.map((p) => `<li><a href="${p.href}">${p.label}</a></li>`).join('')}</ol></nav>` : ''
  }`;
  const ncx = `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>${chapters
    .map((c, i) => `<navPoint id="n${i}" playOrder="${i + 1}"><navLabel><text>${c.title}</text></navLabel><content src="${c.file}"/></navPoint>`)
    .join('')}</navMap></ncx>`;
  const opf = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="${options.ncxOnly ? '2.0' : '3.0'}" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:test</dc:identifier>
${options.title ? `<dc:title>${options.title}</dc:title>` : ''}${options.author ? `<dc:creator>${options.author}</dc:creator>` : ''}${options.date ? `<dc:date>${options.date}</dc:date>` : ''}<dc:publisher>Test Press</dc:publisher></metadata>
<manifest>${options.ncxOnly ? '' : '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'}<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>${chapters
    .map((c, i) => `<item id="c${i}" href="${c.file}" media-type="application/xhtml+xml"/>`)
    .join('')}</manifest>
<spine toc="ncx">${chapters.map((_, i) => `<itemref idref="c${i}"/>`).join('')}</spine></package>`;
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'),
    'OEBPS/content.opf': strToU8(opf),
    'OEBPS/toc.ncx': strToU8(ncx),
  };
  if (!options.ncxOnly) files['OEBPS/nav.xhtml'] = strToU8(xhtml('Contents', nav));
  for (const c of chapters) files[`OEBPS/${c.file}`] = strToU8(xhtml(c.title, c.body));
  if (options.encryptContent) {
    files['META-INF/encryption.xml'] = strToU8(
      `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/${chapters[0].file}"/></enc:CipherData></enc:EncryptedData></encryption>`,
    );
  }
  return zipSync(files as never);
}
