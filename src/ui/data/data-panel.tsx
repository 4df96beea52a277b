/**
 * The Data tab: the run's Redis and MongoDB as they fill (keys with their types and expiry, a sorted
 * set ranked with its scores, collections as tables), from the snapshots the run sends four times
 * a second. Lazy-loaded.
 */
import { useState } from 'react';
import type { CollectionView, DatastoresView, RedisKeyView } from '../../engine/datastore/stores';
import { useRunStore } from '../../store/run-store';
import { defaultKey, formatScore, formatTtl, rankedRows } from './data-view';
import './data.css';

function KeyDetail({ db, item }: { db: number; item: RedisKeyView }) {
  return (
    <div className="data-detail" data-testid="data.redis.detail">
      <h4>
        <code>{item.key}</code> <span className="data-type">{item.type}</span>
        <span className="data-muted">
          {' '}
          db {db} · {item.size} {item.type === 'string' ? 'value' : item.type === 'hash' ? 'fields' : 'members'} · {formatTtl(item.ttl)}
        </span>
      </h4>
      {item.type === 'zset' ? (
        <table className="data-table data-ranking" data-testid="data.redis.ranking">
          <thead>
            <tr>
              <th>#</th>
              <th>member</th>
              <th className="num">score</th>
              <th aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {rankedRows(item).map((r) => (
              <tr key={r.member}>
                <td className="num">{r.rank}</td>
                <td>{r.member}</td>
                <td className="num">{formatScore(r.score)}</td>
                <td className="data-bar-cell">
                  <span className="data-bar" style={{ width: `${Math.round(r.share * 100)}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ul className="data-items">
          {item.items.map((v, i) => (
            <li key={i}>
              <code>{v}</code>
            </li>
          ))}
          {item.size > item.items.length ? <li className="data-muted">… {item.size - item.items.length} more</li> : null}
        </ul>
      )}
    </div>
  );
}

function RedisSection({ redis, chosen, choose }: { redis: NonNullable<DatastoresView['redis']>; chosen: { db: number; key: string } | null; choose: (c: { db: number; key: string }) => void }) {
  const shown = defaultKey({ redis, mongo: null }, chosen);
  return (
    <section className="data-section" data-testid="data.redis">
      <h3>
        Redis <span className="data-muted">· {redis.where} · {redis.commands.toLocaleString()} commands</span>
      </h3>
      {redis.dbs.length === 0 ? (
        <p className="data-muted">{redis.where === 'embedded' ? 'No keys.' : 'The keys live in that server; read them with redis-cli.'}</p>
      ) : (
        <div className="data-redis">
          <table className="data-table data-keys" data-testid="data.redis.keys">
            <thead>
              <tr>
                <th>key</th>
                <th>type</th>
                <th className="num">size</th>
                <th>expires in</th>
              </tr>
            </thead>
            <tbody>
              {redis.dbs.flatMap((d) =>
                d.keys.map((k) => (
                  <tr
                    key={`${d.db}:${k.key}`}
                    className={shown?.db === d.db && shown.key.key === k.key ? 'is-selected' : ''}
                    onClick={() => choose({ db: d.db, key: k.key })}
                    data-testid={`data.redis.key.${k.key}`}
                  >
                    <td>
                      <code>{redis.dbs.length > 1 ? `${d.db}: ${k.key}` : k.key}</code>
                    </td>
                    <td>{k.type}</td>
                    <td className="num">{k.size}</td>
                    <td>{k.ttl === null ? '' : formatTtl(k.ttl)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          {shown ? <KeyDetail db={shown.db} item={shown.key} /> : null}
        </div>
      )}
    </section>
  );
}

function CollectionTable({ db, c }: { db: string; c: CollectionView }) {
  return (
    <div className="data-collection" data-testid={`data.mongo.${db}.${c.name}`}>
      <h4>
        <code>
          {db}.{c.name}
        </code>{' '}
        <span className="data-muted">
          {c.count.toLocaleString()} documents · indexes: {c.indexes.join(', ')}
        </span>
      </h4>
      <div className="data-scroll">
        <table className="data-table">
          <thead>
            <tr>
              {c.fields.map((f) => (
                <th key={f}>{f}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.rows.map((row, i) => (
              <tr key={i}>
                {row.map((v, k) => (
                  <td key={k}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.count > c.rows.length ? <p className="data-muted">The first {c.rows.length} documents, in insertion order.</p> : null}
    </div>
  );
}

export default function DataPanel() {
  const view = useRunStore((s) => s.snapshot?.datastores ?? null);
  const [chosen, setChosen] = useState<{ db: number; key: string } | null>(null);
  if (view === null) {
    return (
      <div className="data-panel" data-testid="data.empty">
        <p className="run-empty">
          The run's Redis and MongoDB show here as they fill: components that use them (<code>import redis</code>, <code>import pymongo</code>;{' '}
          <code>storm.redis()</code>, <code>storm.mongo()</code> in JavaScript) share one of each per run, as a server. Run such a topology to watch, for example, a sorted set's rankings form.
        </p>
      </div>
    );
  }
  return (
    <div className="data-panel" data-testid="data.panel">
      {view.redis ? <RedisSection redis={view.redis} chosen={chosen} choose={setChosen} /> : null}
      {view.mongo ? (
        <section className="data-section" data-testid="data.mongo">
          <h3>
            MongoDB <span className="data-muted">· embedded · {view.mongo.operations.toLocaleString()} operations</span>
          </h3>
          {view.mongo.dbs.flatMap((d) => d.collections.map((c) => <CollectionTable key={`${d.name}.${c.name}`} db={d.name} c={c} />))}
        </section>
      ) : null}
    </div>
  );
}
