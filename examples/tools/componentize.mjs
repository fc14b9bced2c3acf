// Thin wrapper over the wasm-tools functions bundled in @bytecodealliance/jco, for build.sh.
//
//   node tools/componentize.mjs parse <component.wat> <out.wasm>
//   node tools/componentize.mjs new <core.wasm> <world.wit> <reactor|command> <out.wasm>
//   node tools/componentize.mjs print <in.wasm>
//   node tools/componentize.mjs wit <component.wasm>
//
// `new` embeds the WIT world into the core module (the `component-type` custom section, UTF-8
// strings) and wraps it into a component with wit-component, adding the WASI preview1 adapter
// that jco ships (reactor or command flavour) when the module imports `wasi_snapshot_preview1`.
// It prints "WASI adapter" or "no WASI imports". The WIT is passed as a string, so no filesystem
// preopen is involved.
import { readFile, writeFile } from 'node:fs/promises';
import {
  componentEmbed,
  componentNew,
  componentWit,
  parse,
  preview1AdapterCommandPath,
  preview1AdapterReactorPath,
  print,
} from '@bytecodealliance/jco';

const ADAPTER_PATHS = {
  reactor: preview1AdapterReactorPath,
  command: preview1AdapterCommandPath,
};

function usage(message) {
  process.stderr.write(`componentize: ${message}\n`);
  process.exit(2);
}

async function newComponent(corePath, witPath, adapterKind, outPath) {
  const pathFn = ADAPTER_PATHS[adapterKind];
  if (!pathFn) usage(`unknown adapter kind '${adapterKind}' (reactor or command)`);
  const core = await readFile(corePath);
  const witSource = await readFile(witPath, 'utf8');
  let embedded;
  try {
    embedded = await componentEmbed({ binary: core, witSource, stringEncoding: 'utf8' });
  } catch (e) {
    throw new Error(`embedding ${witPath} into ${corePath}: ${e.message ?? e}`);
  }
  const usesWasi = WebAssembly.Module.imports(new WebAssembly.Module(core)).some(
    (i) => i.module === 'wasi_snapshot_preview1',
  );
  const adapters = usesWasi ? [['wasi_snapshot_preview1', await readFile(pathFn())]] : [];
  let component;
  try {
    component = await componentNew(embedded, adapters);
  } catch (e) {
    throw new Error(`creating a component from ${corePath}: ${e.message ?? e}`);
  }
  await writeFile(outPath, component);
  process.stdout.write(usesWasi ? 'WASI adapter\n' : 'no WASI imports\n');
}

const [command, ...args] = process.argv.slice(2);
try {
  switch (command) {
    case 'parse': {
      if (args.length !== 2) usage('parse <component.wat> <out.wasm>');
      const wat = await readFile(args[0], 'utf8');
      let bytes;
      try {
        bytes = await parse(wat);
      } catch (e) {
        throw new Error(`parsing ${args[0]}: ${e.message ?? e}`);
      }
      await writeFile(args[1], bytes);
      break;
    }
    case 'new':
      if (args.length !== 4) usage('new <core.wasm> <world.wit> <reactor|command> <out.wasm>');
      await newComponent(...args);
      break;
    case 'print':
      if (args.length !== 1) usage('print <in.wasm>');
      process.stdout.write(await print(await readFile(args[0])));
      break;
    case 'wit':
      if (args.length !== 1) usage('wit <component.wasm>');
      process.stdout.write(await componentWit(await readFile(args[0])));
      break;
    default:
      usage(`unknown command '${command ?? ''}' (parse, new, print, wit)`);
  }
} catch (e) {
  process.stderr.write(`componentize: ${e.message ?? e}\n`);
  process.exit(1);
}
