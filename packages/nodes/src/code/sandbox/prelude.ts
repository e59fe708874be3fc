/**
 * Evaluated in each fresh VM before the author's code. It takes the scope (JSON text) and the log
 * writer off the global object, defines `console` and the scope's `$` names, and answers the
 * helpers the host calls afterwards, so the author's code cannot reach or replace them.
 *
 * `serialize` turns the returned value into JSON text inside the VM: getters and Proxy traps run
 * there, under the VM's time and memory limits, and only a bounded string crosses to the host.
 */
export const PRELUDE = String.raw`(() => {
  const g = globalThis;
  const write = g.__switchyardLog;
  const scope = JSON.parse(g.__switchyardScope);
  delete g.__switchyardLog;
  delete g.__switchyardScope;
  const show = (v) => {
    if (typeof v === 'string') return v;
    try { const t = JSON.stringify(v); return t === undefined ? String(v) : t; } catch { return String(v); }
  };
  // Lines are cut here, in the VM, so a huge line is never copied to the host.
  const level = (name) => (...args) => {
    const text = args.map(show).join(' ');
    write(name, text.length > 4096 ? text.slice(0, 4096) + '…' : text);
  };
  const fixed = (value) => ({ value, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(g, 'console', fixed(Object.freeze({ log: level('log'), info: level('info'), warn: level('warn'), error: level('error'), debug: level('debug') })));
  Object.defineProperty(g, '$input', fixed(scope.input));
  Object.defineProperty(g, '$nodes', fixed(scope.nodes));
  Object.defineProperty(g, '$trigger', fixed(scope.trigger));
  Object.defineProperty(g, '$run', fixed(scope.run));
  class NotJson { constructor(message) { this.message = message; } }
  const where = (holder, key) => (Array.isArray(holder) ? 'at index ' + key : 'at key ' + JSON.stringify(key));
  const check = function (key, v) {
    const t = typeof v;
    if (t === 'function' || t === 'symbol' || t === 'undefined' || t === 'bigint') {
      throw new NotJson('the returned value holds a ' + t + ' ' + where(this, key) + ', which is not JSON');
    }
    if (t === 'number' && !Number.isFinite(v)) throw new NotJson('the returned value holds ' + String(v) + ' ' + where(this, key) + ', which is not JSON');
    return v;
  };
  const serialize = (value, maxChars) => {
    const t = typeof value;
    if (t === 'undefined') return { notJson: 'the code returned undefined: end it with return <a JSON value>' };
    if (t === 'function' || t === 'symbol' || t === 'bigint') return { notJson: 'the code returned a ' + t + ', which is not JSON' };
    if (t === 'number' && !Number.isFinite(value)) return { notJson: 'the code returned ' + String(value) + ', which is not JSON' };
    let text;
    try {
      text = JSON.stringify(value, check);
    } catch (e) {
      if (e instanceof NotJson) return { notJson: e.message };
      throw e;
    }
    if (text.length > maxChars) return { tooLarge: text.length };
    return { text };
  };
  return { serialize };
})()`;

/** The author's code is the body of an async function; it starts on line 1, so error lines are the author's. */
export function wrapCode(code: string): string {
  return `(async function () { "use strict"; ${code}\n})()`;
}

/** The file name the VM reports in stacks; the line after it is the author's line. */
export const CODE_FILE_NAME = 'code.js';
