import assert from 'node:assert/strict';
import { chooseLanguage, lessonFileName } from '../../src/extension/core/language';

describe('extension: lesson language', () => {
  it('follows the editor display language when the setting is auto', () => {
    assert.equal(chooseLanguage('auto', 'zh-cn'), 'zh-cn');
    assert.equal(chooseLanguage('auto', 'zh-CN'), 'zh-cn');
    assert.equal(chooseLanguage('auto', 'zh-hans'), 'zh-cn');
    assert.equal(chooseLanguage('auto', 'en'), 'en');
    assert.equal(chooseLanguage('auto', 'de'), 'en');
    assert.equal(chooseLanguage(undefined, 'zh-cn'), 'zh-cn');
  });

  it('keeps English for traditional Chinese, which has no lessons of its own', () => {
    assert.equal(chooseLanguage('auto', 'zh-tw'), 'en');
  });

  it('lets the setting override the display language either way', () => {
    assert.equal(chooseLanguage('en', 'zh-cn'), 'en');
    assert.equal(chooseLanguage('zh-cn', 'en'), 'zh-cn');
  });

  it('treats an unknown setting as auto', () => {
    assert.equal(chooseLanguage('fr', 'zh-cn'), 'zh-cn');
  });

  it('names the lesson file of each language', () => {
    assert.equal(lessonFileName('en'), 'lesson.md');
    assert.equal(lessonFileName('zh-cn'), 'lesson.zh-cn.md');
  });
});
