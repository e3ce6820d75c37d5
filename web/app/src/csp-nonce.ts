// The page's CSP nonce (the gateway puts a fresh one in <meta name="csp-nonce"> per response).
// antd's run-time styles take it through ConfigProvider; @rc-component/util's scrollbar
// measurement inserts a <style> without it, so every <style> inserted gets it here. Imported first.
export const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

for (const method of ['appendChild', 'insertBefore'] as const) {
  const original = Node.prototype[method] as (this: Node, node: Node, ...rest: unknown[]) => Node;
  Object.defineProperty(Node.prototype, method, {
    configurable: true,
    writable: true,
    value: function (this: Node, node: Node, ...rest: unknown[]) {
      if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = nonce;
      return original.call(this, node, ...rest);
    },
  });
}
