/// The Node.js side of the renderer, run with `node -e`: it lives in the binary, so an
/// installed `syllabus` needs no file of its own besides Debian's modules.
///
/// Protocol. Requests are JSON, one a line: `{"tex": "...", "display": bool}` or
/// `{"code": "...", "language": "..."}`. Answers come in the same order, each a header line
/// and for markup its bytes: `h <byte count>` then that many bytes of HTML; `e <position or
/// -1> <message on one line>` for a KaTeX error; `p` when the code stays plain. Length-framed
/// markup is copied as is, where JSON would escape every quote of KaTeX's ~5 KB per formula.
/// First of all the script sends one JSON line of what it found:
/// `{"katex": "<module dir>" | null, "hljs": true | false, "katexVersion": …, "hljsVersion": …}`
/// (the versions, or null, name the on-disk cache file). Input is read and answered in
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
    try {
      const manifest = require.resolve(place + '/package.json');
      return { module: require(place), dir: path.dirname(manifest), version: String(require(manifest).version) };
    } catch (e) {}
  }
  return null;
}
const katex = load('katex');
const hljs = load('highlight.js');
const options = { output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false, maxSize: 50, maxExpand: 1000 };
// KaTeX 0.16.4 (Debian's) writes an operator name inside a sub- or superscript (`p_{\max}`)
// as two children, <mi>max</mi><mo>U+2061</mo>, so the <msub> gets three children: invalid
// MathML, which the Nu checker rejects and a screen reader misreads. Such a pair is grouped
// in an <mrow> when its parent is a script element; nothing else changes.
const SCRIPTS = new Set(['msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover']);
const APPLY = /^(\u2061|&#x2061;|&#8289;)$/;
// Most formulas have no function application at all: they skip the pass (a tenth of KaTeX's
// own time when it runs).
const HAS_APPLY = /\u2061|&#x2061;|&#8289;/;
function fixScripts(html) {
  if (!HAS_APPLY.test(html)) return html;
  return html.replace(/<math[^]*?<\/math>/g, (math) => {
    const tokens = math.match(/<[^>]+>|[^<]+/g) || [];
    const out = [], stack = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const pair = token.startsWith('<mi') && tokens[i + 2] === '</mi>' && tokens[i + 3] === '<mo>'
        && APPLY.test(tokens[i + 4] || '') && tokens[i + 5] === '</mo>';
      if (pair && SCRIPTS.has(stack[stack.length - 1])) {
        out.push('<mrow>', ...tokens.slice(i, i + 6), '</mrow>');
        i += 5;
        continue;
      }
      out.push(token);
      const tag = /^<(\/?)([a-z]+)/.exec(token);
      if (tag && !token.endsWith('/>')) { if (tag[1]) stack.pop(); else stack.push(tag[2]); }
    }
    return out.join('');
  });
}
function answer(request) {
  if (typeof request.tex === 'string') {
    if (!katex) return { error: 'no KaTeX module' };
    try {
      return { html: fixScripts(katex.module.renderToString(request.tex, Object.assign({ displayMode: !!request.display }, options))) };
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
process.stdout.write(JSON.stringify({
  katex: katex && katex.dir, hljs: !!hljs, katexVersion: katex && katex.version, hljsVersion: hljs && hljs.version
}) + '\n');
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
