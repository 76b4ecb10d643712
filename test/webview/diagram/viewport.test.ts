import assert from 'node:assert/strict';
import { tickLabel, tickStep } from '../../../src/webview/diagram/layout';
import { Viewport } from '../../../src/webview/diagram/viewport';

describe('diagram view: viewport and axis', () => {
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

  it('fits the whole run with a small margin either side', () => {
    const vp = new Viewport(0, 1000);
    vp.width = 500;
    assert.ok(vp.start < 0 && vp.start > -50);
    assert.ok(vp.end > 1000 && vp.end < 1050);
  });

  it('zooms around a time and keeps that time under the pointer', () => {
    const vp = new Viewport(0, 1000);
    vp.width = 800;
    const x = vp.x(300);
    vp.zoom(4, 300);
    near(vp.x(300), x);
    near(vp.span, 1060 / 4);
  });

  it('never zooms in past half a millisecond or out past the run and a half', () => {
    const vp = new Viewport(0, 1000);
    vp.zoom(1e9, 500);
    near(vp.span, 0.5);
    vp.zoom(1e-9, 500);
    near(vp.span, 1500);
  });

  it('keeps the view on the run when panning far away', () => {
    const vp = new Viewport(0, 1000);
    vp.zoom(10, 500);
    vp.pan(1e6);
    assert.ok(vp.contains(1000));
    vp.pan(-1e6);
    assert.ok(vp.contains(0));
  });

  it('shows no time before the run but the margin fit leaves, however it is zoomed, panned or revealed', () => {
    const vp = new Viewport(0, 4000);
    vp.width = 600;
    for (const move of [
      () => vp.zoom(40, 0),
      () => vp.pan(-1e6),
      () => vp.reveal(0),
      () => vp.show(0, 5),
      () => vp.set(-300, 300),
    ]) {
      move();
      assert.ok(vp.start >= -vp.span * 0.02 - 1e-9, `the view starts at ${vp.start} ms, span ${vp.span}`);
      // The first tick left of 0 would be a whole step before it: off the view.
      assert.ok(vp.start > -tickStep(vp.scale, 90), 'no negative tick on the axis');
    }
  });

  it('keeps the span exactly while panning, so the pan cache sees the same zoom', () => {
    const vp = new Viewport(0, 1000);
    vp.zoom(7.3, 123.4);
    const span = vp.span;
    for (let i = 0; i < 1000; i++) vp.pan(0.1 + i * 1e-3);
    assert.equal(vp.span, span);
  });

  it('reveals a time by panning the least', () => {
    const vp = new Viewport(0, 1000);
    vp.set(0, 100);
    vp.reveal(150);
    near(vp.end, 160);
    vp.reveal(120);
    near(vp.end, 160);
  });

  it('picks round tick steps and prints them at their precision', () => {
    assert.equal(tickStep(1, 90), 100);
    assert.equal(tickStep(0.3, 90), 50);
    assert.equal(tickStep(40, 90), 5000);
    assert.deepEqual(
      [tickLabel(250, 50), tickLabel(2500, 500), tickLabel(3000, 1000), tickLabel(1.5, 0.5)],
      ['250 ms', '2500 ms', '3 s', '1.5 ms'],
    );
  });
});
