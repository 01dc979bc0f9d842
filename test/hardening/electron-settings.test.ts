// Issue 10 item 8: the Electron shell's security settings, read from its source (electron/app is not importable
// without the electron package): webPreferences, CSP, navigation / window-open / permission handlers, IPC sender
// checks, the preload's surface; then @doyensec/electronegativity over the same folder with zero HIGH findings.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');
const appDir = join(repoRoot, 'electron', 'app');
const mainPath = join(appDir, 'main.ts');
const preloadPath = join(appDir, 'preload.ts');

const parse = (path: string) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function find<T extends ts.Node>(root: ts.Node, test: (n: ts.Node) => n is T): T[] {
  const found: T[] = [];
  walk(root, (n) => {
    if (test(n)) found.push(n);
  });
  return found;
}

/** Calls whose callee text ends with `.name` (or is `name`). */
const callsTo = (root: ts.Node, name: string) =>
  find(root, ts.isCallExpression).filter((c) => c.expression.getText() === name || c.expression.getText().endsWith(`.${name}`));

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText().replace(/['"]/g, '') === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.getText() === name) return p.name;
  }
  return undefined;
}

/** The value of a string constant, following one identifier to its `const X = '...'` (or template without holes). */
function stringValue(source: ts.SourceFile, expression: ts.Expression): string | undefined {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
  if (ts.isIdentifier(expression)) {
    const declaration = find(source, ts.isVariableDeclaration).find((d) => d.name.getText() === expression.text);
    return declaration?.initializer ? stringValue(source, declaration.initializer) : undefined;
  }
  return undefined;
}

const main = parse(mainPath);
const preload = parse(preloadPath);

describe('BrowserWindow webPreferences', () => {
  const windows = find(main, ts.isNewExpression).filter((n) => n.expression.getText() === 'BrowserWindow');
  it('every window is created with isolation, sandbox and no Node in the renderer', () => {
    expect(windows.length).toBeGreaterThan(0);
    for (const window of windows) {
      const options = window.arguments?.[0];
      expect(options && ts.isObjectLiteralExpression(options)).toBe(true);
      const prefs = property(options as ts.ObjectLiteralExpression, 'webPreferences');
      expect(prefs && ts.isObjectLiteralExpression(prefs)).toBe(true);
      const get = (name: string) => property(prefs as ts.ObjectLiteralExpression, name)?.getText();
      expect(get('contextIsolation')).toBe('true');
      expect(get('nodeIntegration')).toBe('false');
      expect(get('sandbox')).toBe('true');
      expect(get('webSecurity')).not.toBe('false');
      for (const risky of ['nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'enableRemoteModule']) {
        expect(get(risky) ?? 'false', risky).toBe('false');
      }
      expect(get('enableBlinkFeatures')).toBeUndefined();
      expect(get('preload') ?? '').toMatch(/preload/);
    }
  });

  it('no <webview>, remote module or disabled security anywhere in the shell', () => {
    for (const file of readdirSync(appDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(appDir, file), 'utf8');
      expect(text, file).not.toMatch(/@electron\/remote|webviewTag:\s*true|disable-web-security|--no-sandbox|appendSwitch\(['"]no-sandbox|ignore-certificate-errors|setCertificateVerifyProc\(|allowRunningInsecureContent:\s*true/);
    }
  });
});

describe('content security policy', () => {
  it('is strict: self-only scripts, no eval, no plugins, no framing, sent with every renderer file', () => {
    const declaration = find(main, ts.isVariableDeclaration).find((d) => d.name.getText() === 'CSP');
    expect(declaration?.initializer).toBeDefined();
    const csp = stringValue(main, declaration!.initializer!)!;
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|http:|https:/);
    // Served as a header by the protocol handler on every response it builds from a file.
    const handler = callsTo(main, 'protocol.handle')[0];
    expect(handler).toBeDefined();
    expect(handler.getText()).toMatch(/'content-security-policy':\s*CSP/);
  });
});

describe('navigation, new windows and permissions', () => {
  it('will-navigate prevents every navigation away from the app origin', () => {
    const on = callsTo(main, 'webContents.on').find((c) => stringValue(main, c.arguments[0]) === 'will-navigate');
    expect(on).toBeDefined();
    const handler = on!.arguments[1];
    expect(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)).toBe(true);
    expect(handler.getText()).toMatch(/\.preventDefault\(\)/);
    // The only allowed target is the app's own origin, compared with its trailing slash (no plumb://app.evil).
    expect(handler.getText()).toMatch(/startsWith\(`\$\{APP_ORIGIN\}\/`\)/);
    expect(stringValue(main, ts.factory.createIdentifier('APP_ORIGIN'))).toBe('plumb://app');
  });

  it('setWindowOpenHandler denies every window and opens only https links outside', () => {
    const [call] = callsTo(main, 'setWindowOpenHandler');
    expect(call).toBeDefined();
    const handler = call.arguments[0] as ts.ArrowFunction;
    const returns = find(handler, ts.isReturnStatement).map((r) => r.expression?.getText().replace(/\s+/g, ' '));
    const body = ts.isBlock(handler.body) ? returns : [handler.body.getText()];
    expect(body.length).toBeGreaterThan(0);
    for (const value of body) expect(value).toBe("{ action: 'deny' }");
    for (const open of callsTo(handler, 'shell.openExternal')) {
      // only inside an `if (url.startsWith('https://'))`
      let guard: ts.Node = open;
      while (!ts.isIfStatement(guard) && guard !== handler) guard = guard.parent;
      expect(ts.isIfStatement(guard) && guard.expression.getText()).toBe("url.startsWith('https://')");
    }
  });

  it('every permission request is denied', () => {
    const [call] = callsTo(main, 'setPermissionRequestHandler');
    expect(call).toBeDefined();
    const handler = call.arguments[0];
    const callbacks = callsTo(handler, 'callback');
    expect(callbacks.length).toBeGreaterThan(0);
    for (const c of callbacks) expect(c.arguments.map((a) => a.getText())).toEqual(['false']);
    const check = callsTo(main, 'setPermissionCheckHandler')[0];
    if (check) expect(check.arguments[0].getText()).toMatch(/=>\s*false/);
  });
});

describe('IPC', () => {
  it('every ipcMain handler checks its sender before dispatching', () => {
    const handlers = [...callsTo(main, 'ipcMain.handle'), ...callsTo(main, 'ipcMain.on'), ...callsTo(main, 'ipcMain.handleOnce')];
    expect(handlers.length).toBeGreaterThan(0);
    for (const call of handlers) {
      const fn = call.arguments[1];
      const statements = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? (ts.isBlock(fn.body) ? fn.body.statements : []) : [];
      const first = statements[0];
      expect(first && ts.isIfStatement(first) && /!trustedSender\(event\)/.test(first.expression.getText()), call.getText().slice(0, 80)).toBe(true);
      expect((first as ts.IfStatement).thenStatement.getText()).toMatch(/return/);
    }
  });

  it('the sender check accepts only the top frame of the app origin', () => {
    const fn = find(main, ts.isFunctionDeclaration).find((f) => f.name?.text === 'trustedSender');
    expect(fn).toBeDefined();
    const text = fn!.getText();
    expect(text).toMatch(/senderFrame/);
    expect(text).toMatch(/parent === null/);
    expect(text).toMatch(/startsWith\(`\$\{APP_ORIGIN\}\/`\)/);
  });

  it('the preload exposes one function per API method and the event subscription, never ipcRenderer itself', () => {
    const text = preload.getText();
    expect(callsTo(preload, 'contextBridge.exposeInMainWorld')).toHaveLength(1);
    const invokes = callsTo(preload, 'ipcRenderer.invoke');
    expect(invokes).toHaveLength(1);
    // The channel is the loop variable over the API contract's method names, not caller-supplied.
    expect(invokes[0].arguments[0].getText()).toBe('method');
    expect(text).toMatch(/for \(const method of Object\.keys\(apiMethods\)\)/);
    expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\b(?!\.)/);
    expect(callsTo(preload, 'ipcRenderer.send')).toHaveLength(0);
    expect(callsTo(preload, 'ipcRenderer.sendSync')).toHaveLength(0);
    // The listener gets the payload only, not the IpcRendererEvent (which carries `sender`).
    expect(text).toMatch(/\(_event: unknown, payload: unknown\) => listener\(payload\)/);
  });
});

describe('electronegativity', () => {
  const cli = join(repoRoot, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  it.skipIf(!existsSync(cli))('finds nothing of HIGH severity in electron/app', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'plumb-electronegativity-')), 'report.csv');
    const electronVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> }).optionalDependencies.electron.replace(/^[^\d]*/, '');
    await new Promise<void>((resolvePromise, reject) =>
      execFile(
        process.execPath,
        ['-r', join(import.meta.dirname, 'electron', 'offline-got.cjs'), cli, '-i', appDir, '-o', out, '-r', '-v', 'false', '-e', electronVersion],
        { cwd: repoRoot, timeout: 60_000 },
        (error) => (error ? reject(error) : resolvePromise()),
      ),
    );
    const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    const findings = rows.map((row) => {
      const [issue, severity, confidence, file, location] = row.split(',').map((c) => c.replace(/"/g, ''));
      return { issue, severity, confidence, file, location };
    });
    console.log(`electronegativity: ${findings.map((f) => `${f.issue} ${f.severity}/${f.confidence} ${f.file}:${f.location}`).join('; ')}`);
    expect(findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL')).toEqual([]);
  });
});
