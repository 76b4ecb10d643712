import assert from 'node:assert/strict';
import { ArrowFlag } from '../../../src/webview/diagram/arrows';
import { KIND, NETWORK_ROW } from '../../../src/webview/diagram/columns';
import { computeVisibility } from '../../../src/webview/diagram/filter';
import { buildModel, kindOf } from '../../../src/webview/diagram/model';
import { SearchIndex } from '../../../src/webview/diagram/search';
import { gossipTrace } from './fixtures';

describe('diagram model: filters and search', () => {
  const model = buildModel(gossipTrace());
  const a = model.arrows;
  const laneOf = (row: number) => model.lanes[row]!.id;
  const shownArrows = (v: Uint8Array) => [...Array(a.count).keys()].filter((k) => v[k]);

  it('hides the lanes, events and arrows of nodes left out, and keeps the network lane', () => {
    const v = computeVisibility(model, { nodes: ['n1', 'n2'] });
    assert.deepEqual(v.rows, [true, true, true, false, false, false]);
    for (let i = 0; i < model.count; i++) {
      const row = model.rows[i]!;
      const peer = model.peers[i]!;
      const expected =
        row === NETWORK_ROW ||
        (['n1', 'n2'].includes(laneOf(row)) && (peer < 0 || ['n1', 'n2'].includes(laneOf(peer))));
      assert.equal(v.events[i] === 1, expected, `event #${i} (${kindOf(model, i)} on ${laneOf(row)})`);
    }
    const arrows = shownArrows(v.arrows);
    assert.ok(arrows.length > 0);
    for (const k of arrows) assert.deepEqual([laneOf(a.fromRow[k]!), laneOf(a.toRow[k]!)].sort(), ['n1', 'n2']);
  });

  it('shows only the message types asked for', () => {
    const v = computeVisibility(model, { messageTypes: ['Ack'] });
    const ack = model.messageTypes.indexOf('Ack');
    const arrows = shownArrows(v.arrows);
    assert.ok(arrows.length > 0);
    assert.ok(arrows.every((k) => a.type[k] === ack));
    assert.equal(arrows.length, [...Array(a.count).keys()].filter((k) => a.type[k] === ack).length);
  });

  it('shows only lost messages when the kinds are just drops', () => {
    const v = computeVisibility(model, { kinds: ['drop'] });
    const arrows = shownArrows(v.arrows);
    assert.ok(arrows.length > 0);
    assert.ok(arrows.every((k) => a.flags[k]! & ArrowFlag.Dropped));
    assert.ok([...Array(model.count).keys()].filter((i) => v.events[i]).every((i) => model.kinds[i] === KIND.drop));
  });

  it('finds message types, payloads and log lines, once per message, in any case', () => {
    const search = new SearchIndex(model);
    const gossip = search.search('gossip');
    assert.ok(
      gossip.every((i) => model.kinds[i] !== KIND.deliver),
      'deliveries repeat their send: left out',
    );
    const sends = gossip.filter((i) => model.kinds[i] === KIND.send);
    assert.equal(
      sends.length,
      [...Array(model.count).keys()].filter(
        (i) => model.kinds[i] === KIND.send && model.messageTypes[model.typeOf[i]!] === 'Gossip',
      ).length,
    );
    assert.ok(
      gossip.some((i) => model.kinds[i] === KIND.timer),
      'and the timer named gossip',
    );
    const learned = search.search('LEARNED VERSION 3');
    assert.ok(learned.length > 0);
    assert.ok(
      learned.every(
        (i) =>
          model.kinds[i] === KIND.log && JSON.stringify(model.trace.event(i).data).startsWith('"learned version 3'),
      ),
    );
    assert.ok(search.search('"version":4').length > 0, 'payload JSON');
    assert.ok(
      search.search('crash').some((i) => model.kinds[i] === KIND.crash),
      'the kind of an event without data',
    );
    assert.deepEqual(search.search('   '), []);
  });

  it('searches only what the filter shows', () => {
    const v = computeVisibility(model, { nodes: ['n1'] });
    const found = new SearchIndex(model).search('learned', v.events);
    assert.ok(found.every((i) => laneOf(model.rows[i]!) === 'n1'));
  });
});
