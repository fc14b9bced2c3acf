// Runs the fixtures in wasm/ under jco's JavaScript host (transpile + Node, WASI from
// @bytecodealliance/preview2-shim) and checks the results that README.md lists for each. It
// validates the fixtures themselves, independently of Trellis' engine.
//
//   node tools/smoke.mjs        (after ./build.sh; prints one line per fixture, exits 1 on failure)
//
// jco cannot lift latin1+utf16 strings, so `strings` is checked through a copy of its WAT
// without the latin1+utf16 interface.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, transpile } from '@bytecodealliance/jco';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside node_modules so the generated code resolves @bytecodealliance/preview2-shim.
const OUT = join(EXAMPLES, 'node_modules', '.cache', 'trellis-smoke');

/** Transpiles component bytes into OUT/<name>/ and returns the URL of its entry module. */
async function transpileTo(name, bytes, map = {}) {
  const { files } = await transpile(bytes, { name, map, quiet: true, noTypescript: true });
  const dir = join(OUT, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  return pathToFileURL(join(dir, `${name}.js`)).href;
}

async function load(name, map = {}) {
  const bytes = await readFile(join(EXAMPLES, 'wasm', `${name}.wasm`));
  return import(await transpileTo(name, bytes, map));
}

/** A module re-exporting `names` of an instance export, to satisfy another component's import. */
async function link(file, entryUrl, exportName, names, asDefault = false) {
  const body = asDefault
    ? `import { ${exportName} } from '${entryUrl}';\nexport default ${exportName};\n`
    : `import { ${exportName} as i } from '${entryUrl}';\nexport const { ${names.join(', ')} } = i;\n`;
  const path = join(OUT, file);
  await writeFile(path, body);
  return pathToFileURL(path).href;
}

function errPayload(f) {
  try {
    f();
  } catch (e) {
    return e.payload;
  }
  assert.fail('expected an error result');
}

const fixtures = {
  async values() {
    const { values: v, add, greet } = await load('values');
    assert.equal(add(2, 3), 5);
    assert.equal(add(2147483647, 1), -2147483648);
    assert.equal(greet('Trellis'), 'Hello, Trellis!');
    assert.equal(v.echoBool(true), true);
    assert.equal(v.echoS8(-128), -128);
    assert.equal(v.echoU8(255), 255);
    assert.equal(v.echoS16(-32768), -32768);
    assert.equal(v.echoU16(65535), 65535);
    assert.equal(v.echoS32(-2147483648), -2147483648);
    assert.equal(v.echoU32(4294967295), 4294967295);
    assert.equal(v.echoS64(-9223372036854775808n), -9223372036854775808n);
    assert.equal(v.echoU64(18446744073709551615n), 18446744073709551615n);
    assert.equal(v.echoF32(1.5), 1.5);
    assert.equal(v.echoF64(Math.PI), Math.PI);
    assert.equal(v.echoChar('😀'), '😀');
    assert.equal(v.echoString('héllo wörld 😀'), 'héllo wörld 😀');
    assert.deepEqual([...v.echoBytes(new Uint8Array([0, 1, 255]))], [0, 1, 255]);
    assert.deepEqual(v.echoStrings(['a', '', 'ccc']), ['a', '', 'ccc']);
    assert.deepEqual(v.echoPoints([{ x: 1, y: 2 }]), [{ x: 1, y: 2 }]);
    assert.deepEqual(v.echoPoint({ x: 7, y: -8 }), { x: 7, y: -8 });
    const ada = { name: 'Ada', age: 36, email: 'ada@example.com', tags: ['math', 'code'] };
    assert.deepEqual(v.echoPerson(ada), ada);
    assert.deepEqual(v.echoTuple([200, 'xyz', 2.5]), [200, 'xyz', 2.5]);
    for (const n of [
      { tag: 'int', val: -5n },
      { tag: 'float', val: 1.25 },
      { tag: 'small', val: 200 },
      { tag: 'text', val: 'hi' },
      { tag: 'nothing' },
    ]) {
      assert.deepEqual(v.echoNumber(n), n);
    }
    assert.equal(v.echoColor('green'), 'green');
    assert.equal(v.echoOption(42), 42);
    assert.equal(v.echoOption(undefined), undefined);
    assert.equal(v.echoResult({ tag: 'ok', val: 'fine' }), 'fine');
    assert.equal(errPayload(() => v.echoResult({ tag: 'err', val: 7 })), 7);
    assert.deepEqual(v.echoPermissions({ read: true, execute: true }), {
      read: true,
      write: false,
      execute: true,
    });
    assert.equal(v.echoFeatures({ f0: true, f11: true }).f11, true);
    assert.deepEqual(v.pointAdd({ x: 1, y: 2 }, { x: 3, y: 4 }), { x: 4, y: 6 });
    assert.equal(v.divide(7, 2), 3);
    assert.equal(errPayload(() => v.divide(1, 0)), 'division by zero');
    assert.equal(v.countChars('héllo😀'), 6);
    assert.equal(v.sumList(new BigInt64Array([1n, 2n, -10n])), -7n);
    assert.equal(v.describe({ tag: 'int', val: -5n }), 'int -5');
    assert.equal(v.describe({ tag: 'float', val: 1.25 }), 'float 1.25');
    assert.equal(v.describe({ tag: 'text', val: 'hi' }), 'text hi');
    assert.equal(v.nextColor('blue'), 'red');
    const mixed = [1, 2, 3, 4n, 5, 6, 7, 8, 9, 10n, 11, 12, 13, 14, 15, 16n, 17];
    assert.equal(v.sumMixed(...mixed), 153);
    assert.equal(v.concatMany(...'abcdefghi'), 'abcdefghi');
  },

  async 'values-client'() {
    const values = await transpileTo('values', await readFile(join(EXAMPLES, 'wasm/values.wasm')));
    const { values: v } = await import(values);
    const iface = await link('values-iface.js', values, 'values', Object.keys(v));
    const add = await link('values-add.js', values, 'add', [], true);
    const greet = await link('values-greet.js', values, 'greet', [], true);
    const { runChecks } = await load('values-client', {
      'trellis:examples/values': iface,
      add,
      greet,
    });
    assert.equal(runChecks(), 44);
  },

  async counter() {
    const { counters: c } = await load('counter');
    const a = new c.Counter(5);
    assert.equal(a.increment(3), 8);
    assert.equal(a.get(), 8);
    assert.equal(c.Counter.liveInstances(), 1);
    const b = new c.Counter(10);
    assert.equal(c.sum(a, b), 18);
    const merged = c.merge(a, b);
    assert.equal(merged.get(), 18);
    assert.equal(c.Counter.liveInstances(), 1);
    assert.equal(c.destroyedTotal(), 2);
    merged[Symbol.dispose]();
    assert.equal(c.Counter.liveInstances(), 0);
    assert.equal(c.destroyedTotal(), 3);
  },

  async strings() {
    const wat = await readFile(join(EXAMPLES, 'components/strings/component.wat'), 'utf8');
    const cut = wat.indexOf('  ;; latin1+utf16');
    assert.ok(cut > 0, 'the latin1+utf16 section marker is missing from component.wat');
    const bytes = await parse(`${wat.slice(0, cut)})\n`);
    const s = await import(await transpileTo('strings-utf8-utf16', bytes));
    const utf8 = s['trellis:examples/strings-utf8'];
    const utf16 = s['trellis:examples/strings-utf16'];
    for (const i of [utf8, utf16]) {
      assert.equal(i.greeting(), 'Grüße, 世界!');
      assert.equal(i.shortGreeting(), 'Grüße!');
      assert.equal(i.echo('Grüße, 世界! 😀'), 'Grüße, 世界! 😀');
      assert.equal(i.echo(''), '');
    }
    assert.equal(utf8.codeUnits('Grüße, 世界!'), 16);
    assert.equal(utf16.codeUnits('Grüße, 世界!'), 10);
    assert.equal(utf16.codeUnits('😀'), 2);
  },

  async composed() {
    const { calculator: c } = await load('composed');
    assert.equal(c.sum(new Int32Array([1, 2, 3, 4])), 10);
    assert.equal(c.quotient(7, 2), 3);
    assert.equal(errPayload(() => c.quotient(1, 0)), 'division by zero');
  },

  async 'adder + calc'() {
    const adder = await transpileTo('adder', await readFile(join(EXAMPLES, 'wasm/adder.wasm')));
    const { math: m } = await import(adder);
    assert.equal(m.add(2, 3), 5);
    assert.deepEqual(m.divMod(7, 2), [3, 1]);
    assert.equal(errPayload(() => m.divMod(1, 0)), 'division by zero');
    assert.equal(errPayload(() => m.divMod(-2147483648, -1)), 'overflow');
    const math = await link('math.js', adder, 'math', ['add', 'divMod']);
    const { calculator: c } = await load('calc', { 'trellis:examples/math': math });
    assert.equal(c.sum(new Int32Array([1, 2, 3, 40])), 46);
    assert.equal(c.quotient(7, 2), 3);
    assert.equal(errPayload(() => c.quotient(1, 0)), 'division by zero');
    assert.equal(c.divide(7, 2), '7 / 2 = 3 remainder 1');
    assert.equal(c.divide(1, 0), 'error: division by zero');
  },

  async reactor() {
    // In a child process, to see what the component writes to stderr.
    const entry = await transpileTo('reactor', await readFile(join(EXAMPLES, 'wasm/reactor.wasm')));
    const script =
      `import { diagnostics as d } from '${entry}';\n` +
      `console.log(JSON.stringify([d.log('one'), d.log('two'), d.getEnv('TRELLIS_SMOKE'),` +
      ` d.getEnv('TRELLIS_UNSET') ?? null]));\n`;
    const env = { ...process.env, TRELLIS_SMOKE: 'yes' };
    delete env.TRELLIS_UNSET;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [1, 2, 'yes', null]);
    assert.equal(run.stderr, 'reactor: one\nreactor: two\n');
  },

  async command() {
    const jco = join(EXAMPLES, 'node_modules/@bytecodealliance/jco/dist/jco.js');
    const wasm = join(EXAMPLES, 'wasm/command.wasm');
    const run = (args, env, input = '') => {
      const base = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith('TRELLIS_')),
      );
      return spawnSync(process.execPath, [jco, 'run', wasm, ...args], {
        env: { ...base, ...env },
        input,
        encoding: 'utf8',
      });
    };
    const ok = run(['one', '--cat'], { TRELLIS_NAME: 'Ada' }, 'piped\n');
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, 'Hello, Ada!\nargc=2\nargv[1]=one\nargv[2]=--cat\npiped\n');
    assert.equal(ok.stderr, 'hello: done\n');
    const failing = run([], { TRELLIS_EXIT_CODE: '3' });
    assert.equal(failing.stdout, 'Hello, world!\nargc=0\n');
    assert.equal(failing.status, 1, 'a non-zero exit reaches a WASI 0.2 host as exit(err)');
  },
};

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
let failures = 0;
for (const [name, check] of Object.entries(fixtures)) {
  try {
    await check();
    console.log(`ok    ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL  ${name}: ${e.message}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
