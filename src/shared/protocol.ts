/**
 * The plot panel's protocol in one import: the message types (protocolTypes.ts) and the validators of what the
 * webview sends (protocolValidate.ts). Imports run one way, types <- validators <- this file, so there is no cycle.
 */
export * from './protocolTypes';
export { LIMITS, parseFromWebview, parsePanelState, parseSource } from './protocolValidate';
