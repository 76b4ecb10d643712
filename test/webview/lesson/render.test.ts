import assert from 'node:assert/strict';
import { renderLesson } from '../../../src/webview/lesson/render';

const md = (...lines: string[]): string => lines.join('\n');

describe('lesson rendering', () => {
  describe('headings', () => {
    it('gives headings stable slug ids, numbered when repeated', () => {
      const { html } = renderLesson(md('# Two-phase commit', '## The *new* problem: blocking', '## Notes', '## Notes'));
      assert.match(html, /<h1 id="two-phase-commit">Two-phase commit<\/h1>/);
      assert.match(html, /<h2 id="the-new-problem-blocking">The <em>new<\/em> problem: blocking<\/h2>/);
      assert.match(html, /<h2 id="notes">Notes<\/h2>\n<h2 id="notes-1">Notes<\/h2>/);
    });

    it('keeps Chinese text in slugs', () => {
      assert.match(renderLesson('## 阻塞问题 (2PC)').html, /<h2 id="阻塞问题-2pc">/);
    });

    it('lists h2 and h3 headings in the table of contents, as plain text', () => {
      const { toc } = renderLesson(md('# Title', '## A & `B`', '### C', '#### D', '## E'));
      assert.deepEqual(toc, [
        { level: 2, id: 'a--b', text: 'A & B' },
        { level: 3, id: 'c', text: 'C' },
        { level: 2, id: 'e', text: 'E' },
      ]);
    });

    it('takes the title from front matter, else from the first h1', () => {
      const withFront = renderLesson(md('---', 'title: "Raft: elections"', 'order: 1', '---', '# Heading'));
      assert.equal(withFront.title, 'Raft: elections');
      assert.deepEqual(withFront.frontMatter, { title: 'Raft: elections', order: '1' });
      assert.doesNotMatch(withFront.html, /order: 1/);
      assert.equal(renderLesson(md('Intro', '# Heading')).title, 'Heading');
      assert.equal(renderLesson('no heading').title, undefined);
    });
  });

  describe('code', () => {
    it('highlights known languages with hljs classes', () => {
      const { html } = renderLesson(md('```ts', 'const x: number = 1; // why', '```'));
      assert.match(html, /<pre class="code"><code class="hljs language-ts"><span class="hljs-keyword">const<\/span>/);
      assert.match(html, /<span class="hljs-comment">\/\/ why<\/span>/);
    });

    it('escapes code in unknown languages without highlighting it', () => {
      const { html } = renderLesson(md('```text', '<b>bold?</b>', '```'));
      assert.match(html, /<code class="hljs language-text">&lt;b&gt;bold\?&lt;\/b&gt;\n?<\/code>/);
    });
  });

  describe('sim blocks', () => {
    const lesson = md(
      '---',
      'title: T',
      '---',
      '# Elections',
      '',
      '```sim seed=3 exercise=raft-election scenario=leader-crash height=300',
      'Watch **n1** crash.',
      '```',
      '',
      '```sim exercise=raft-election seed=1',
      'No scenario.',
      '```',
    );

    it('renders a figure with the run as data attributes and the body as caption', () => {
      const { html } = renderLesson(lesson);
      assert.match(
        html,
        /<figure class="sim" data-sim="sim-1" data-exercise="raft-election" data-scenario="leader-crash" data-seed="3" data-height="300">/,
      );
      assert.match(html, /<figcaption><p>Watch <strong>n1<\/strong> crash.<\/p>/);
    });

    it('returns the valid blocks as metadata with the line of their fence', () => {
      const { sims } = renderLesson(lesson);
      assert.deepEqual(sims, [
        {
          id: 'sim-1',
          line: 6,
          caption: 'Watch **n1** crash.',
          exercise: 'raft-election',
          scenario: 'leader-crash',
          seed: 3,
          height: 300,
        },
      ]);
    });

    it('shows a readable error box naming the line of a malformed block', () => {
      const { html, problems } = renderLesson(lesson);
      assert.deepEqual(problems, [{ line: 10, message: 'sim block on line 10: missing scenario=' }]);
      assert.match(html, /<div class="lesson-error" role="note">.*<li>sim block on line 10: missing scenario=<\/li>/);
    });

    it('counts lines inside lists and quotes', () => {
      const { sims } = renderLesson(
        md(
          '- item',
          '',
          '  ```sim exercise=e scenario=s seed=1',
          '  ```',
          '',
          '> ```sim exercise=e scenario=t seed=2',
          '> ```',
        ),
      );
      assert.deepEqual(
        sims.map((s) => [s.scenario, s.line]),
        [
          ['s', 3],
          ['t', 6],
        ],
      );
    });

    it('is not fooled by an identical fence shown inside a longer code block', () => {
      const { sims } = renderLesson(
        md(
          '````md',
          '```sim exercise=e scenario=s seed=1',
          '```',
          '````',
          '',
          '```sim exercise=e scenario=s seed=1',
          '```',
        ),
      );
      assert.deepEqual(
        sims.map((s) => s.line),
        [6],
      );
    });
  });

  describe('quizzes', () => {
    const quiz = md(
      '# Q',
      '```quiz',
      'Why must `votedFor` survive a crash?',
      '- [ ] It makes elections faster',
      '- [x] Otherwise a node could vote twice in one term',
      '> A restarted node that forgot its vote may grant a second one.',
      '```',
    );

    it('renders a single-answer quiz as a radio group labelled by its question', () => {
      const { html } = renderLesson(quiz);
      assert.match(html, /<form class="quiz" data-quiz="quiz-1" data-correct="1">/);
      assert.match(html, /<fieldset aria-labelledby="quiz.1.question">/);
      assert.match(
        html,
        /<div class="quiz-question" id="quiz.1.question"><p>Why must <code>votedFor<\/code> survive a crash\?<\/p>/,
      );
      assert.equal(html.match(/<input type="radio" name="quiz.1.answer" value="\d">/g)?.length, 2);
      assert.match(html, /<div class="quiz-explanation" hidden><p>A restarted node/);
      assert.match(html, /<button type="submit" class="quiz-check">Check<\/button>/);
    });

    it('uses checkboxes when several options are correct, and the locale for its text', () => {
      const { html } = renderLesson(md('```quiz', '哪些正确？', '- [x] 甲', '- [x] 乙', '- [ ] 丙', '```'), {
        locale: 'zh-cn',
      });
      assert.match(html, /data-correct="0,1"/);
      assert.equal(html.match(/type="checkbox"/g)?.length, 3);
      assert.match(html, /选择所有正确答案。/);
      assert.doesNotMatch(html, /quiz-explanation/);
    });

    it('returns quizzes as metadata', () => {
      const { quizzes } = renderLesson(quiz);
      assert.equal(quizzes.length, 1);
      assert.deepEqual(
        { ...quizzes[0], options: quizzes[0]!.options.length },
        {
          id: 'quiz-1',
          line: 2,
          question: 'Why must `votedFor` survive a crash?',
          options: 2,
          explanation: 'A restarted node that forgot its vote may grant a second one.',
          multiple: false,
        },
      );
    });

    it('shows an error box naming the line of a malformed quiz', () => {
      const { html, problems, quizzes } = renderLesson(md('Intro', '', '```quiz', 'Q?', '- [ ] a', '- [x b', '```'));
      assert.equal(quizzes.length, 0);
      assert.deepEqual(
        problems.map((p) => p.message),
        [
          'quiz on line 3: a quiz needs at least two options, found 1',
          'quiz on line 6: malformed option "- [x b": write "- [ ] text", or "- [x] text" for a correct one',
        ],
      );
      assert.match(html, /class="lesson-error"/);
    });
  });

  describe('links', () => {
    const resolveLink = (href: string) =>
      href === '../06-leader-election/lesson.md#terms' ? { lesson: '06-leader-election', anchor: 'terms' } : undefined;

    it('marks external links to be opened outside, with rel="noopener"', () => {
      const { html } = renderLesson('[Raft](https://raft.github.io "site")');
      assert.match(
        html,
        /<a title="site" href="https:\/\/raft.github.io" rel="noopener noreferrer" data-external class="external">Raft<\/a>/,
      );
    });

    it('resolves relative links to lessons through the host', () => {
      const { html, problems } = renderLesson('[terms](../06-leader-election/lesson.md#terms)', { resolveLink });
      assert.match(
        html,
        /<a href="..\/06-leader-election\/lesson.md#terms" data-lesson="06-leader-election" data-anchor="terms">terms<\/a>/,
      );
      assert.deepEqual(problems, []);
    });

    it('keeps in-page links and reports relative links that lead nowhere', () => {
      const { html, problems } = renderLesson('[up](#top) [gone](../99-nothing/lesson.md)', { resolveLink });
      assert.match(html, /<a href="#top">up<\/a>/);
      assert.match(html, /<a class="broken-link" title="Not found: ..\/99-nothing\/lesson.md">gone<\/a>/);
      assert.deepEqual(problems, [{ message: 'link to "../99-nothing/lesson.md" leads to no lesson or lesson file' }]);
    });
  });

  describe('sanitization', () => {
    it('removes raw script elements, in blocks and inline', () => {
      const { html } = renderLesson(
        md('<script>alert("block")</script>', '', 'Inline <script>alert(1)</script> text.'),
      );
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /alert\("block"\)/);
    });

    it('removes inline event handlers from raw html', () => {
      const { html } = renderLesson(
        md(
          '<img src="x.png" onerror="alert(1)">',
          '',
          'a <b onclick="steal()">b</b> <details ontoggle="x()"><summary>s</summary>t</details>',
        ),
      );
      assert.doesNotMatch(html, /on(error|click|toggle)/);
      assert.match(html, /<img src="x.png">/);
      assert.match(html, /<b>b<\/b>/);
    });

    it('strips javascript: urls from markdown and html links', () => {
      const { html } = renderLesson(
        '[click](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">two</a> [three](data:text/html;base64,PHNjcmlwdD4=)',
      );
      assert.doesNotMatch(html, /javascript:|data:/i);
      assert.match(html, /<a>click<\/a> <a>two<\/a> <a>three<\/a>/);
    });

    it('keeps sim block text from becoming markup', () => {
      const { html } = renderLesson(md('```sim exercise=e scenario=s seed=1 <img>', '```'));
      assert.doesNotMatch(html, /<img/);
      assert.match(html, /expected name=value, found &quot;&lt;img&gt;&quot;/);
    });
  });
});
