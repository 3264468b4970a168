/// The Node.js side of the renderer, run with `node -e`: it lives in the binary, so an
/// installed `syllabus` needs no file of its own besides Debian's modules.
///
/// Protocol. Requests are JSON, one a line: `{"tex": "...", "display": bool}` or
/// `{"code": "...", "language": "..."}`. Answers come in the same order, each a header line
/// and for markup its bytes: `h <byte count>` then that many bytes of HTML; `e <position or
/// -1> <message on one line>` for a KaTeX error; `p` when the code stays plain. Length-framed
/// markup is copied as is, where JSON would escape every quote of KaTeX's ~5 KB per formula.
/// First of all the script sends one JSON line of what it found:
/// `{"katex": "<module dir>" | null, "hljs": true | false}`. Input is read and answered in
/// chunks, so a batch of thousands costs few system calls.
enum RendererScript {
  static let source = #"""
'use strict';
// Standard output is the protocol: anything a module logs goes to standard error instead.
console.log = console.info = console.warn = console.error;
const path = require('path');
function load(name) {
  const places = [name, '/usr/share/nodejs/' + name, '/usr/lib/nodejs/' + name, '/usr/share/javascript/' + name];
  for (const place of places) {
    try { return { module: require(place), dir: path.dirname(require.resolve(place + '/package.json')) }; } catch (e) {}
  }
  return null;
}
const katex = load('katex');
const hljs = load('highlight.js');
const options = { output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false, maxSize: 50, maxExpand: 1000 };
function answer(request) {
  if (typeof request.tex === 'string') {
    if (!katex) return { error: 'no KaTeX module' };
    try {
      return { html: katex.module.renderToString(request.tex, Object.assign({ displayMode: !!request.display }, options)) };
    } catch (e) {
      let message = String(e && e.message || e).replace(/^KaTeX parse error: /, '');
      const position = (e && typeof e.position === 'number') ? e.position : null;
      // KaTeX appends the TeX around the error; the diagnostic's column already points there.
      if (position !== null) message = message.replace(/ at (position \d+|end of input): [^]*$/, '');
      return { error: message, position: position };
    }
  }
  const language = String(request.language || '');
  if (hljs && hljs.module.getLanguage(language)) {
    try { return { html: hljs.module.highlight(language, String(request.code), true).value }; } catch (e) {}
  }
  return { html: null };
}
process.stdout.write(JSON.stringify({ katex: katex && katex.dir, hljs: !!hljs }) + '\n');
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop();
  if (lines.length === 0) return;
  const out = [];
  for (const line of lines) {
    let a;
    try { a = answer(JSON.parse(line)); } catch (e) { a = { error: 'bad request' }; }
    if (typeof a.html === 'string') {
      const bytes = Buffer.from(a.html, 'utf8');
      out.push(Buffer.from('h ' + bytes.length + '\n'), bytes);
    } else if (typeof a.error === 'string') {
      const position = typeof a.position === 'number' ? a.position : -1;
      out.push(Buffer.from('e ' + position + ' ' + a.error.replace(/[\r\n]+/g, ' ') + '\n'));
    } else {
      out.push(Buffer.from('p\n'));
    }
  }
  process.stdout.write(Buffer.concat(out));
});
"""#
}
