import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import type { NodeTypeInfo } from '@switchyard/schema';
import { ParamsForm } from './ParamsForm';

afterEach(cleanup);

const def = (type: string): NodeTypeInfo => {
  const d = nodeCatalog.get(type);
  if (!d) throw new Error(type);
  return d;
};

describe('ParamsForm', () => {
  it('renders one field per param of the type', () => {
    render(<ParamsForm info={def('http.request')} params={{ method: 'GET', url: 'https://a' }} onChange={() => {}} />);
    expect((screen.getByTestId('field-url') as HTMLInputElement).value).toBe('https://a');
    expect((screen.getByTestId('field-method') as HTMLInputElement).value).toBe('GET');
    expect(screen.getByTestId('field-body').tagName).toBe('TEXTAREA');
    expect(screen.getByTestId('field-headers').tagName).toBe('TEXTAREA');
  });

  it('sends changed params with the field name', () => {
    const onChange = vi.fn();
    render(<ParamsForm info={def('http.request')} params={{ method: 'GET', url: 'https://a' }} onChange={onChange} />);
    fireEvent.change(screen.getByTestId('field-url'), { target: { value: 'https://b' } });
    expect(onChange).toHaveBeenLastCalledWith({ method: 'GET', url: 'https://b' }, 'url');
  });

  it('removes a param whose text is cleared', () => {
    const onChange = vi.fn();
    render(<ParamsForm info={def('respond')} params={{ status: 200 }} onChange={onChange} />);
    fireEvent.change(screen.getByTestId('field-status'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({}, 'status');
    fireEvent.change(screen.getByTestId('field-status'), { target: { value: '201' } });
    expect(onChange).toHaveBeenLastCalledWith({ status: 201 }, 'status');
  });

  it('uses a select for a plain enum', () => {
    const onChange = vi.fn();
    render(<ParamsForm info={def('trigger.webhook')} params={{ path: 'orders' }} onChange={onChange} />);
    const mode = screen.getByTestId('field-mode') as HTMLSelectElement;
    expect(mode.tagName).toBe('SELECT');
    fireEvent.change(mode, { target: { value: 'sync' } });
    expect(onChange).toHaveBeenLastCalledWith({ path: 'orders', mode: 'sync' }, 'mode');
  });

  it('commits JSON only when it parses, and says why not', () => {
    const onChange = vi.fn();
    render(<ParamsForm info={def('http.request')} params={{ method: 'POST', url: 'https://a' }} onChange={onChange} />);
    const headers = screen.getByTestId('field-headers');
    fireEvent.change(headers, { target: { value: '{"x-a": ' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/Not valid JSON yet/);
    fireEvent.change(headers, { target: { value: '{"x-a": "1"}' } });
    expect(onChange).toHaveBeenLastCalledWith({ method: 'POST', url: 'https://a', headers: { 'x-a': '1' } }, 'headers');
  });

  it('shows a template parse error inline', () => {
    render(<ParamsForm info={def('http.request')} params={{ method: 'GET', url: '{{ $trigger.( }}' }} onChange={() => {}} />);
    expect(screen.getByTestId('field-url').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  it('edits a template body as text, not as a quoted JSON string', () => {
    const onChange = vi.fn();
    render(<ParamsForm info={def('transform')} params={{ expression: '{{ $input }}' }} onChange={onChange} />);
    expect((screen.getByTestId('field-expression') as HTMLTextAreaElement).value).toBe('{{ $input }}');
    fireEvent.change(screen.getByTestId('field-expression'), { target: { value: '{{ $input.a }}' } });
    expect(onChange).toHaveBeenLastCalledWith({ expression: '{{ $input.a }}' }, 'expression');
  });

  it("offers a webhook's auth presets by name, with the fields each needs, and shows the URL to paste", () => {
    const onChange = vi.fn();
    const { rerender } = render(<ParamsForm info={def('trigger.webhook')} params={{ path: 'orders' }} onChange={onChange} />);
    expect(screen.getByTestId('webhook-url').textContent).toBe(`Webhook URL: ${window.location.origin}/hooks/orders`);
    const kind = screen.getByTestId('field-auth') as HTMLSelectElement;
    expect(kind.tagName).toBe('SELECT');
    const offered = [...kind.options].map((o) => o.value);
    for (const preset of ['github', 'stripe', 'shopify', 'slack', 'standard-webhooks', 'twilio', 'hmac', 'hmac-sha256']) expect(offered).toContain(preset);
    fireEvent.change(kind, { target: { value: 'meta' } });
    expect(onChange).toHaveBeenLastCalledWith({ path: 'orders', auth: { kind: 'meta' } }, 'auth');

    rerender(<ParamsForm info={def('trigger.webhook')} params={{ path: 'orders', auth: { kind: 'meta', credential: 'app_secret' } }} onChange={onChange} />);
    expect((screen.getByTestId('field-auth.credential') as HTMLInputElement).value).toBe('app_secret');
    expect(screen.getByTestId('field-auth.verifyToken')).toBeTruthy();
    fireEvent.change(screen.getByTestId('field-auth.verifyToken'), { target: { value: 'meta_verify' } });
    expect(onChange).toHaveBeenLastCalledWith({ path: 'orders', auth: { kind: 'meta', credential: 'app_secret', verifyToken: 'meta_verify' } }, 'auth');
    // Another preset keeps what it shares (the credential) and drops what it has no field for.
    fireEvent.change(screen.getByTestId('field-auth'), { target: { value: 'stripe' } });
    expect(onChange).toHaveBeenLastCalledWith({ path: 'orders', auth: { kind: 'stripe', credential: 'app_secret' } }, 'auth');

    rerender(<ParamsForm info={def('trigger.webhook')} params={{ path: 'orders', auth: { kind: 'hmac', credential: 'c' } }} onChange={onChange} />);
    expect((screen.getByTestId('field-auth.algorithm') as HTMLSelectElement).tagName).toBe('SELECT');
    expect((screen.getByTestId('field-auth.encoding') as HTMLSelectElement).tagName).toBe('SELECT');
    expect(screen.getByTestId('field-auth.signedString')).toBeTruthy();
    expect(screen.queryByTestId('field-auth.verifyToken')).toBeNull();
  });

  it('says so when a type has no params', () => {
    render(<ParamsForm info={def('trigger.manual')} params={undefined} onChange={() => {}} />);
    expect(screen.getByTestId('params-empty')).toBeTruthy();
  });
});
