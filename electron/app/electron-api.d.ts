// The few Electron APIs the shell uses, so `npm run typecheck` covers electron/app where npm leaves the
// optional `electron` package out (it requires Node >= 22.12; npm marks such optional packages inert).
// tsconfig.json maps 'electron' here only when node_modules/electron is absent; the
// signatures are narrowed copies of electron.d.ts, so code that checks here also checks against it.

export interface IpcMainInvokeEvent {
  sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}

export interface WebFrameMain {
  readonly url: string;
  readonly parent: WebFrameMain | null;
}

interface Event {
  preventDefault(): void;
}

export interface HandlerDetails {
  url: string;
}

export type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

export interface WebContents {
  on(event: 'will-navigate', listener: (event: Event, url: string) => void): this;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  send(channel: string, ...args: unknown[]): void;
  printToPDF(options: PrintToPDFOptions): Promise<Buffer>;
}

export interface Size {
  height: number;
  width: number;
}

export interface PrintToPDFMargins {
  bottom?: number;
  left?: number;
  right?: number;
  top?: number;
}

export interface PrintToPDFOptions {
  displayHeaderFooter?: boolean;
  footerTemplate?: string;
  generateDocumentOutline?: boolean;
  generateTaggedPDF?: boolean;
  headerTemplate?: string;
  landscape?: boolean;
  margins?: PrintToPDFMargins;
  pageRanges?: string;
  pageSize?: 'A0' | 'A1' | 'A2' | 'A3' | 'A4' | 'A5' | 'A6' | 'Legal' | 'Letter' | 'Tabloid' | 'Ledger' | Size;
  preferCSSPageSize?: boolean;
  printBackground?: boolean;
  scale?: number;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  webSecurity?: boolean;
  spellcheck?: boolean;
  javascript?: boolean;
  partition?: string;
}

export interface BrowserWindowConstructorOptions {
  width?: number;
  height?: number;
  title?: string;
  show?: boolean;
  webPreferences?: WebPreferences;
}

export class BrowserWindow {
  constructor(options?: BrowserWindowConstructorOptions);
  static fromWebContents(webContents: WebContents): BrowserWindow | null;
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  loadFile(filePath: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
  focus(): void;
  close(): void;
  on(event: 'closed', listener: () => void): this;
}

export interface App {
  whenReady(): Promise<void>;
  getPath(name: 'home' | 'appData' | 'userData' | 'temp' | 'exe' | 'documents' | 'logs'): string;
  on(event: 'window-all-closed', listener: () => void): this;
  quit(): void;
}
export const app: App;

export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown): void;
}
export const ipcMain: IpcMain;

export interface IpcRendererEvent {
  readonly sender: unknown;
}

export interface IpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
  removeListener(channel: string, listener: (...args: unknown[]) => void): this;
}
export const ipcRenderer: IpcRenderer;

export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}
export const contextBridge: ContextBridge;

export interface CustomScheme {
  scheme: string;
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; corsEnabled?: boolean; stream?: boolean };
}

export interface Protocol {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}
export const protocol: Protocol;

export interface Session {
  setPermissionRequestHandler(
    handler: ((webContents: WebContents, permission: string, callback: (permissionGranted: boolean) => void) => void) | null,
  ): void;
}
export const session: { readonly defaultSession: Session };

export interface Shell {
  openExternal(url: string): Promise<void>;
}
export const shell: Shell;

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OpenDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
  properties?: Array<'openFile' | 'openDirectory' | 'multiSelections' | 'showHiddenFiles'>;
}

export interface OpenDialogReturnValue {
  canceled: boolean;
  filePaths: string[];
}

export interface SaveDialogOptions {
  title?: string;
  defaultPath?: string;
  buttonLabel?: string;
  filters?: FileFilter[];
  properties?: Array<'showHiddenFiles' | 'createDirectory' | 'treatPackageAsDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent'>;
}

export interface SaveDialogReturnValue {
  canceled: boolean;
  /** '' when the dialog was cancelled */
  filePath: string;
}

export interface Dialog {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}
export const dialog: Dialog;

export interface WebUtils {
  getPathForFile(file: File): string;
}
export const webUtils: WebUtils;
