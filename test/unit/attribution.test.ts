import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAttribution } from '../../server/src/engine/attribution';
import { findQuotations } from '../../server/src/engine/markdown';

/** The attribution of the essay's only quotation: the name as written, or undefined. */
function who(markdown: string): string | undefined {
  const [q] = findQuotations(markdown);
  assert.ok(q, `no quotation in ${markdown}`);
  return findAttribution(q.paragraph.text, q.paragraph.start, q.paragraph.end)?.name;
}

test('a name with a speech verb before the quotation', () => {
  assert.equal(who('As Ruth tells Kathy, “You should go and see her.”'), 'Ruth');
  assert.equal(who('James Wood writes that “the horror is that no one sees the horror.”'), 'James Wood');
  assert.equal(who('Madame finally tells them, “There were no deferrals.”'), 'Madame');
  assert.equal(who('Kathy tells Ruth “I was just turning over the tape.”'), 'Kathy');
  assert.equal(who('On publication The New York Times called it “a novel that won’t leave you.”'), 'The New York Times');
  assert.equal(who('Miss Lucy insists that “you have to know who you are.”'), 'Miss Lucy');
  assert.equal(who('Kathy H. admits, “I might have some of it wrong.”'), 'Kathy H.');
  assert.equal(who('Elizabeth soothes him: “I will not mention it if it agitates you.”'), 'Elizabeth');
  assert.equal(who('Darcy blurts out, “You must allow me to tell you.”'), 'Darcy');
  assert.equal(who('Later the Times praised it as “a novel that won’t leave you.”'), 'the Times');
});

test('the speaker of a participle is the name before it, not the sentence subject', () => {
  assert.equal(who('Kathy remembers Ruth saying “I kept you and Tommy apart.”'), 'Ruth');
});

test('a name with a speech verb after the quotation, either order', () => {
  assert.equal(who('“There were no deferrals,” Miss Emily explains.'), 'Miss Emily');
  assert.equal(who('“Now, Kitty, you may cough as much as you choose,” says Mrs. Bennet.'), 'Mrs. Bennet');
  assert.equal(who('“How nicely we are crammed in!” cries Kitty as the sisters ride home.'), 'Kitty');
  assert.equal(who('“Be happy, my dear Victor,” Clerval urges him.'), 'Clerval');
  assert.equal(who('“I was benevolent and good,” the creature says.'), 'the creature');
  assert.equal(who('“The recovery centre called me,” Kathy says flatly.'), 'Kathy');
});

test('a colon introduction and "according to"', () => {
  assert.equal(who('Ruth: “I kept you and Tommy apart.”'), 'Ruth');
  assert.equal(who('According to Miss Emily, “There were no deferrals.”'), 'Miss Emily');
});

test('possessives, mere mentions, pronouns and shared lines are no attribution', () => {
  assert.equal(who('Ruth’s line “I kept you and Tommy apart” is a confession.'), undefined);
  assert.equal(who('Miss Emily’s verdict, “It was all just a rumour,” lands without ceremony.'), undefined);
  assert.equal(who('Walton’s loneliness prepares us for Victor: “I have no friend, Margaret.”'), undefined);
  assert.equal(who('Ruth bosses Kathy through the ride: “You’ve got to really lean back.”'), undefined);
  assert.equal(who('She tells Tommy, “They prove we have souls.”'), undefined);
  assert.equal(who('Tommy and Ruth say “They prove we have souls.”'), undefined);
  assert.equal(who('Kathy tells Ruth that the gallery is “for the souls.”'), undefined);
  assert.equal(who('Darcy’s verdict, “She is tolerable,” wounds Elizabeth’s pride.'), undefined);
  assert.equal(who('One donor’s wistful “Hailsham. I bet that was a beautiful place,” says more than any exposition.'), undefined);
});

test('a tag after a quotation that ends its own sentence belongs to the next sentence', () => {
  assert.equal(who('“They prove we have souls.” Ruth says nothing.'), undefined);
});

test('two different names, before and after, are unclear', () => {
  assert.equal(who('Kathy recalls, “They prove we have souls,” Tommy insists.'), undefined);
});

test('the offsets are those of the name in the paragraph text', () => {
  const [q] = findQuotations('Later, as Miss Emily explains, “There were no deferrals.”');
  const found = findAttribution(q.paragraph.text, q.paragraph.start, q.paragraph.end);
  assert.deepEqual(found, { name: 'Miss Emily', start: 10, end: 20 });
});

test('a verb with an indirect object, a newspaper that "wrote that", and names with an article', () => {
  assert.equal(who('As Ruth explains to them, “You should go and see her.”'), 'Ruth');
  assert.equal(who('As Miss Emily says to Kathy and Tommy, “There were no deferrals.”'), 'Miss Emily');
  assert.equal(who('In its review the New York Times wrote that “a novel that won’t leave you.”'), 'the New York Times');
  assert.equal(who('“Take the boy away,” says the Colonel.'), 'the Colonel');
  assert.equal(who('As the Marquis remarks, “There is no such thing as a good influence.”'), 'the Marquis');
  assert.equal(who('“There is no such thing as a good influence,” the Marquis replies.'), 'the Marquis');
});
