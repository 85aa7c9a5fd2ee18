# Writes test/accuracy/unmarked.json: the labelled suite of unmarked-quotation
# (copied prose without quotation marks) and its controls. Sentences are drawn
# with a fixed seed from the two fixture novels and the built-in review, so the
# suite is the same on every run: python3 test/accuracy/unmarked-cases.py
import json, random, re

rng = random.Random(21)

def paragraphs(path, skip_until=None):
    text = open(path, encoding='utf-8').read()
    if skip_until:
        text = text[text.index(skip_until):]
    return [re.sub(r'\s+', ' ', p).strip() for p in re.split(r'\n\s*\n', text)]

def sentences(paras):
    out = []
    for p in paras:
        for s in re.split(r'(?<!Mr\.)(?<!Mrs\.)(?<!Dr\.)(?<!St\.)(?<=[.!?])\s+(?=[A-Z])', p):
            words = s.split()
            # Prose only: no dialogue marks, markup or brackets, long enough to copy.
            if 14 <= len(words) <= 40 and not re.search(r'[“”"‘_\[\]*()]|’\s|\s’|^’', s) and s[-1] in '.!?':
                out.append(s)
    return out

BOOKS = {
    'pride-and-prejudice': sentences(paragraphs('test/fixtures/corpora/pride-and-prejudice.txt', 'It is a truth universally')),
    'frankenstein': sentences(paragraphs('test/fixtures/corpora/frankenstein.txt', 'You will rejoice to hear')),
    'review': sentences([l.strip() for l in open('server/corpus/never-let-me-go-review.txt', encoding='utf-8')]),
}
AUTHOR = {'pride-and-prejudice': 'Austen', 'frankenstein': 'Shelley', 'review': 'Ishiguro'}
FRAMES = [
    'In this part of the story, {}',
    'The chapter turns here. {}',
    'This moment matters for the whole book: {}',
    '{} This is where the tone begins to change.',
    'We can see the theme clearly here, since {}',
]
OWN = [
    'The narrator keeps a careful distance from the events she describes.',
    'Much of the tension in this section comes from what is left unsaid.',
    'Critics have long argued about how far the ending resolves the conflict.',
    'A reader who returns to the opening chapters notices how much was hinted at.',
    'The setting seems ordinary at first, which makes its strangeness more unsettling.',
    'Each minor character reflects some part of the heroine back at her.',
    'My own reading is that the author wants us to judge slowly.',
    'Letters, visits and overheard remarks move the plot more than any grand event.',
]
cases = []

LOWER = {'The', 'It', 'He', 'She', 'They', 'A', 'In', 'This', 'There', 'But', 'And', 'Her', 'His', 'When', 'As', 'At', 'My', 'We', 'On'}

def lower_first(s):
    first = s.split()[0]
    return first.lower() + s[len(first):] if first in LOWER else s

def add(kind, corpus, md, why, source=None):
    n = sum(1 for c in cases if c['expect'] == kind) + 1
    case = {'id': f'{kind}-{n:03d}', 'corpus': corpus, 'markdown': md, 'expect': kind, 'why': why}
    if source:
        case['source'] = source
    cases.append(case)

def pick(corpus, used):
    pool = [s for s in BOOKS[corpus] if s not in used]
    s = rng.choice(pool)
    used.add(s)
    return s

used = set()
order = ['pride-and-prejudice', 'frankenstein', 'review']
# Unmarked: copied sentences, as they stand, in a frame of the essay's own words.
for i in range(27):
    corpus = order[i % 3]
    s = pick(corpus, used)
    frame = FRAMES[i % len(FRAMES)]
    body = lower_first(s) if frame.endswith('{}') and not frame.endswith('. {}') and not frame.endswith(': {}') else s
    add('unmarked', corpus, frame.format(body), 'a copied sentence without quotation marks', s)
# Unmarked, lightly edited: one word in the middle changed, or the end cut off.
for i in range(12):
    corpus = order[i % 3]
    s = pick(corpus, used)
    words = s.split()
    if i % 2 == 0:
        k = len(words) // 2
        words[k] = 'very' if words[k].lower() != 'very' else 'quite'
        why = 'a copied sentence with one word changed'
    else:
        words = words[: max(10, len(words) - 4)]
        words[-1] = words[-1].rstrip('.,;:!?') + '.'
        why = 'a copied sentence cut short'
    add('unmarked', corpus, 'As the book puts it, ' + lower_first(' '.join(words)), why, s)
# Unmarked, with a citation after the words: cited, still not quoted.
for i in range(12):
    corpus = order[i % 3]
    s = pick(corpus, used)
    add('unmarked', corpus, f'{s[:-1]} ({AUTHOR[corpus]} {rng.randint(2, 300)}).', 'copied and cited, but without quotation marks', s)
# Unmarked inside a long paragraph of the essay's own prose.
for i in range(12):
    corpus = order[i % 3]
    s = pick(corpus, used)
    own = rng.sample(OWN, 6)
    md = ' '.join(own[:3] + [s] + own[3:])
    add('unmarked', corpus, md, 'a copied sentence inside a long paragraph', s)

# Controls: the same kinds of sentences, quoted properly.
for i in range(16):
    corpus = order[i % 3]
    s = pick(corpus, used)
    if i % 4 == 0:
        md = f'{AUTHOR[corpus]} writes, “{s}”'
    elif i % 4 == 1:
        md = f'The text says "{s}" ({AUTHOR[corpus]} {rng.randint(2, 300)}).'
    elif i % 4 == 2:
        md = f'The passage reads:\n\n> {s}\n\nThat is the turning point.'
    else:
        md = f'The passage reads:\n\n    {s}\n\nThat is the turning point.'
    add('clean', corpus, md, 'a copied sentence properly marked (quotation marks, blockquote or indented block)')
# Controls: short shared phrases (five or six words of a sentence) in the essay's own sentence.
for i in range(16):
    corpus = order[i % 3]
    s = pick(corpus, used)
    words = s.rstrip('.!?').split()
    k = rng.randint(0, len(words) - 6)
    phrase = ' '.join(words[k:k + rng.choice([5, 6])]).strip(',;:')
    add('clean', corpus, f'I think the words {phrase} show how the scene feels to a reader today.', 'a short shared phrase (five or six words)')
# Controls: common phrases of English in the essay's own sentences.
COMMON = [
    'At the same time as she made up her mind, she went back to the house.',
    'It was the first time in her life that she had been so sure of anything.',
    'In the course of the evening he told them that he would be going away.',
    'She did not know what to do with herself for the rest of the day.',
    'On the other hand, there is no reason to think that he was wrong.',
    'As a matter of fact, I have never been able to make up my mind about it.',
    'He said that he would be back in a few days, and she believed him.',
    'It is not the first time that a novel has been read in this way.',
    'For a long time I was not sure what the author wanted us to feel.',
    'There was nothing to be done but to wait for the end of the week.',
    'I should like to know what he meant by it, and why he said it at all.',
    'She was not at all sure that she would be able to go with them.',
    'In spite of all that had happened, they were still the best of friends.',
    'It seems to me that there is a great deal more to the story than this.',
    'By the end of the book, the reader knows as much as she does.',
    'He had never in his life been so glad to see anyone as he was then.',
    'What is more, the rest of the family did not seem to mind at all.',
    'I do not think that there is any one answer to the question of the ending.',
]
# Eight or more words in a row that do stand in a novel, but all of them common words
# (found by scanning the novels for runs of their 120 most frequent words): chance, not copying.
COMMON += [
    'Now I do not think that it would be wise to trust the narrator completely.',
    'And after all what is the good of a happy ending that nobody believes?',
    'I do not know that any one of the critics has noticed this detail.',
    'The heroine marries the man she loves, which is as it should be in a comedy.',
    'In my eyes for which he could not be blamed, the letter changes everything.',
    'She thinks she will not know him herself then, and she is right.',
    'It was not to be supposed that the family would ever be quite the same.',
    'I then thought that my father would be proud of the essay I was writing.',
    'If I can but see one of my friends before the exam, I will feel better.',
    'They say it is such a good thing that they were all there to see it.',
]
for i, s in enumerate(COMMON):
    add('clean', order[i % 3], s, 'common phrases of English, shared with every novel')
# Controls: paraphrases that keep only scattered words of the source sentence.
PARAPHRASES = [
    ('pride-and-prejudice', 'Everyone seems to agree that a rich bachelor must be looking for someone to marry.'),
    ('pride-and-prejudice', 'Mrs. Bennet is the sort of woman whose temper is uncertain and whose understanding is small.'),
    ('pride-and-prejudice', 'Elizabeth finds that her first judgement of Darcy was built on pride and on wounded vanity.'),
    ('pride-and-prejudice', 'Darcy admits that he cannot say when his love for her began, because it came on gradually.'),
    ('pride-and-prejudice', 'The ball at Netherfield shows how badly the family can behave when all of them are in public.'),
    ('pride-and-prejudice', 'Mr. Collins proposes with a speech so rehearsed that it sounds like a sermon about his patron.'),
    ('frankenstein', 'Victor spends almost two years trying to give life to a body he has built himself.'),
    ('frankenstein', 'When the creature first opens its dull yellow eyes, Victor is filled with horror and runs away.'),
    ('frankenstein', 'The creature says he was kind and good until misery turned him into a fiend.'),
    ('frankenstein', 'Walton writes to his sister from the frozen north, full of hope about his voyage.'),
    ('frankenstein', 'After Justine is executed, Victor feels that he is the true murderer of two innocent people.'),
    ('frankenstein', 'The monster learns to speak by watching a poor family through a gap in the wall of their cottage.'),
    ('review', 'The review calls the novel a quiet dystopia in which cloning and the harvesting of organs are facts of life.'),
    ('review', 'Ishiguro moves away from the history of his earlier books to imagine a different modern Britain.'),
    ('review', 'According to the review, the power of the book comes from memory slowly revealing the truth.'),
    ('review', 'Kathy remembers Hailsham with a fondness that makes its real purpose harder to bear.'),
]
for corpus, s in PARAPHRASES:
    add('clean', corpus, s, 'a paraphrase sharing only scattered words with the source')

json.dump(cases, open('test/accuracy/unmarked.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print(len(cases), sum(c['expect'] == 'unmarked' for c in cases), sum(c['expect'] == 'clean' for c in cases))
