"""Sentences we wrote for opinion_v2: the kinds that are neither snippet nor synopsis.

    .venv/bin/python -m critica.opinion.training.own_sentences   # rewrites own_sentences.jsonl

Review snippets and synopses teach "judgement vs story", but reviews also hold spoiler warnings
and reading advice, notices addressed to the reader, a critic's anecdotes, production facts and
plot retold with loaded adjectives (all "not opinion"), and judgements made without sentiment
words (opinion). Every sentence here was written by us, by hand or from the templates below with
our own word lists; none comes from, or paraphrases, the labelled evaluation set. Each row is
written twice: as typed, and lower-cased with spaced punctuation like polarity v2.0.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

__all__ = ["OWN_SENTENCES", "own_rows"]

OWN_SENTENCES = Path(__file__).resolve().parent / "own_sentences.jsonl"
SEED = 0

NAMES = ("Maria", "Tom", "Elena", "Marcus", "Nadia", "Frank", "Rosa", "Eli", "Grace", "Victor",
         "Lena", "Sam", "Ines", "Walter", "June", "Owen", "Priya", "Hank", "Clara", "Dmitri",
         "Abby", "Raymond", "Yusuf", "Molly", "Theo", "Beatrice", "Carlos", "Ruth")
ROLES = ("lawyer", "cop", "painter", "teenager", "widow", "chef", "boxer", "schoolteacher",
         "con artist", "nurse", "farmer", "scientist", "reporter", "pilot", "drifter",
         "accountant", "priest", "singer", "mechanic", "detective", "student", "soldier")
LOADED = ("brilliant", "charming", "beautiful", "lonely", "ruthless", "hopeless", "lovable",
          "bitter", "gifted", "cruel", "kind-hearted", "talented", "awkward", "wicked",
          "gorgeous", "miserable", "cheerful", "vicious", "sweet", "arrogant", "clumsy")
ACTIONS = ("falls in love with her neighbour", "is framed for a murder he did not commit",
           "must save the family farm from the bank", "joins a gang of small-time thieves",
           "discovers a secret about her father", "tries to win back an ex-wife",
           "goes on the run in a stolen car", "takes a job at a run-down motel",
           "inherits a house on a remote island", "agrees to testify against the mob",
           "returns home for a sister's wedding", "is hired to find a missing girl",
           "loses everything in a single night of poker", "befriends a stray dog",
           "enters a dance contest to pay off a debt", "wakes up with no memory",
           "starts receiving letters from a stranger", "moves to the city to study music")
PLACES = ("a small fishing town", "the suburbs of Detroit", "a boarding school in Vermont",
          "a ranch in Montana", "wartime London", "a space station", "a Paris apartment",
          "a border town", "a Brooklyn diner", "a mining camp", "an island off Maine")
CRAFT = ("The script", "The pacing", "The editing", "The final act", "The lead performance",
         "The camera work", "The score", "The dialogue", "The supporting cast",
         "The production design", "The direction", "The opening sequence", "The middle hour",
         "The romance", "The comic relief", "The villain")
GENRES = ("thriller", "comedy", "western", "horror film", "musical", "romance", "war film",
          "heist movie", "family film", "documentary", "science-fiction film")

HAND: dict[str, tuple[bool, list[str]]] = {
    "warning": (False, [
        "Spoiler warning: the rest of this review discusses the final act.",
        "If you have not seen the film yet, stop reading here.",
        "The next two paragraphs give away the ending, so skip ahead if you want to go in fresh.",
        "Readers who want no surprises ruined should jump to the last paragraph.",
        "What follows reveals a major twist.", "Consider yourself warned.",
        "You have been warned.", "Fair warning: I am about to discuss the ending in detail.",
        "Minor plot details follow.", "Mild spoilers ahead.",
        "Stop here if you plan to see it this weekend.",
        "From this point on, the review assumes you have seen the film.",
        "I will try to keep the surprises intact, but some details are unavoidable.",
        "Skip this paragraph if you'd rather not know how it ends.",
        "Read on at your own risk.", "Tread carefully from here on.", "End of spoilers.",
        "Spoilers end here.", "(Spoilers in the next paragraph.)",
        "Plot details are discussed below.", "I won't reveal what happens next.",
        "Without giving too much away, here is the set-up.",
        "Everything that follows is a spoiler.", "Look away now if you dislike spoilers.",
        "Those who have already seen it can read on.",
        "I'll describe the opening and leave the rest for you to discover.",
        "Safe to read: no spoilers in this part.", "The big reveal is discussed below.",
        "Don't read the next section until after you've seen the movie.",
        "Here the spoilers begin in earnest.", "Okay, you've been told.",
        "The following paragraph describes the climax.",
    ]),
    "notice": (False, [
        "Sign up for our weekly newsletter to get reviews in your inbox.",
        "Subscribe now for unlimited access to every review.",
        "Support independent film criticism by becoming a member.",
        "Click here for showtimes near you.", "Follow us on Twitter for daily updates.",
        "Please consider donating to keep this site free.",
        "Share this review with your friends.",
        "Leave a comment below and tell us what you thought.",
        "Read our interview with the director here.",
        "This review originally appeared in the print edition.",
        "Already a subscriber? Log in to keep reading.",
        "You have three free articles remaining this month.",
        "Enter your email address to receive our updates.",
        "Our critics' picks are updated every Friday.", "Advertisement.",
        "Thanks for reading, and see you next week.",
        "Questions or comments can be sent to the editor.",
        "Tickets are available at the box office and online.",
        "Find more reviews in our archive.",
        "This post contains affiliate links, and we may earn a commission on purchases.",
        "Reprinted with the author's permission.", "Send your letters to the address below.",
        "Become a patron and get early access to our podcast.",
        "Readers like you keep this site running.", "Your donation helps us pay our writers.",
        "Turn off your ad blocker to support this site.",
        "Listen to our podcast episode on this film.",
        "The opinions expressed here are the writer's own.",
        "Visit the film's official page for more information.", "Got a tip? Write to us.",
        "Independent journalism costs money, and we can't do it without you.",
        "Chip in a few dollars a month to keep our reviews free.",
        "Please whitelist us in your browser settings.",
        "This article has been updated with the film's release date.",
        "Next week: our guide to the festival season.",
        "Don't forget to rate this review.",
    ]),
    "anecdote": (False, [
        "I saw the film at a press screening on a rainy Tuesday morning.",
        "My nephew and I caught the late show at the mall multiplex.",
        "The projector broke down twice during the screening I attended.",
        "I grew up in a small town not unlike the one in the movie.",
        "When I was twelve my father took me to see the original at a drive-in.",
        "A woman two rows ahead of me was on her phone the whole time.",
        "I read the novel on a train to Chicago years ago.",
        "The theater was half empty on opening night.",
        "I arrived ten minutes late and missed the opening credits.",
        "I watched it on a screener disc sent by the studio.",
        "We were handed 3-D glasses at the door.",
        "After the screening, the director took questions from the audience.",
        "I interviewed the lead actress in a hotel suite last spring.",
        "My mother worked as a nurse for thirty years.",
        "I spent a summer in Lisbon as a student.",
        "The critic next to me kept taking notes in the dark.",
        "I first heard about this project at a festival in 1996.",
        "It was my third movie of the day.",
        "I bought a large popcorn and settled into the back row.",
        "My editor asked me to cover this one while the regular critic was away.",
        "We drove two hours to the only theater showing it.",
        "I have a cousin who served on a submarine.",
        "The last time I went fishing was with my grandfather.",
        "A friend of mine lent me the soundtrack album before the screening.",
        "I saw it twice: once alone, and once with my teenage daughter.",
        "The man beside me brought his own cushion.",
        "Our screening started forty minutes late because of a fire alarm.",
        "I once lived three blocks from the street where it was filmed.",
        "Before the lights went down, a studio representative asked us not to reveal the ending.",
        "My kids have been asking about this movie since the first trailer.",
        "I was in college when the first one came out.",
        "I took notes on the back of a parking ticket.",
    ]),
    "facts": (False, [
        "The film is based on a novel published in 1971.",
        "It was shot in forty days on location in Morocco.",
        "The movie premiered at the Venice festival last September.",
        "This is the director's fourth feature.",
        "The screenplay was adapted from a stage play that ran for two years.",
        "The studio pushed the release back twice.", "It opens Friday in selected cities.",
        "The original cut ran nearly three hours.",
        "The budget was reported at around sixty million dollars.",
        "The score is by the composer of the director's previous two films.",
        "Most of the cast are non-professional actors from the region.",
        "The production moved to Hungary after the first month.",
        "The picture is presented in black and white.",
        "Principal photography ended in the spring of 1997.",
        "It is the second film in a planned trilogy.",
        "The title comes from a line in an old folk song.",
        "The film has no connection to the 1950s television series of the same name.",
        "The lead role was originally offered to another actor.",
        "Two versions of the ending were shot.",
        "The DVD includes a commentary track and deleted scenes.",
        "It is rated R for language and some violence.",
        "The movie is in English and Spanish with subtitles.",
        "The director co-wrote the script with her brother.",
        "The story is set in 1962.", "This is a remake of a 1958 Swedish picture.",
        "Filming took place over three summers.",
        "The real events took place in a prison outside Atlanta.",
        "The novel was a bestseller in France.",
        "The cast also includes a former professional wrestler.",
        "The film was made for about a million dollars.",
    ]),
    "plot": (False, [
        "When Maria returns to her hometown, she finds that her brother has sold the house.",
        "Tom and his partner track the killer to an empty warehouse by the docks.",
        "Elena takes a night job cleaning offices so she can pay for her son's operation.",
        "Meanwhile, Marcus starts to suspect that his wife is hiding something.",
        "The two men agree to split the money and never see each other again.",
        "At the funeral, Nadia meets the half-sister she never knew she had.",
        "Frank spends his days at the racetrack and his nights at the bar.",
        "Rosa hides the letter in a drawer and tells no one.",
        "Soon the whole town is talking about the stranger at the motel.",
        "The crew lands on the planet and sets out to find the missing probe.",
        "Eli convinces his old bandmates to play one last show.",
        "Grace is assigned to defend a man everyone believes is guilty.",
        "Victor wakes up in a hospital bed with no idea how he got there.",
        "The family moves into a farmhouse at the edge of the woods.",
        "Lena and Sam meet on a train and spend the night walking around Vienna.",
        "Her boss offers her a promotion if she will keep quiet about the accounts.",
        "The boys build a raft and set off down the river.",
        "Back at the station, the captain orders him off the case.",
        "Years later, Owen returns as a wealthy man under a different name.",
        "Priya's parents have already chosen a husband for her.",
        "Hank and his dog live alone in a trailer outside town.",
        "The next morning, Clara finds the door unlocked and the baby gone.",
        "Dmitri has until midnight to deliver the package.",
        "The story picks up ten years after the events of the first film.",
        "Ruth, a retired teacher, is asked to look after her granddaughter for a summer.",
        "The heist goes smoothly until one of the guards recognises Carlos.",
        "Theo and Beatrice argue about whether to tell the police.",
        "Abby answers an ad for a roommate and moves in with a stranger.",
    ]),
    "plot_loaded": (False, [
        "The beautiful young widow falls for a charming drifter who may be a thief.",
        "A brilliant but arrogant surgeon loses the use of his hands in a car crash.",
        "Her happy life begins to crumble when her husband is arrested.",
        "The villagers are terrified of the evil spirit that haunts the forest.",
        "Jack is a lovable loser who can't hold down a job.",
        "Things go horribly wrong when the heist team is betrayed.",
        "The kind old teacher encourages his shy student to enter a poetry contest.",
        "A ruthless gangster terrorises the honest shopkeepers of the neighbourhood.",
        "Their perfect marriage is tested by a terrible secret.",
        "The wicked stepmother locks the girl in the attic.",
        "A lonely, bitter old man finds an unlikely friend in the boy next door.",
        "The evil corporation will stop at nothing to bury the truth.",
        "The hilarious misunderstanding leads to a wedding neither of them wanted.",
        "A gifted but troubled pianist struggles with stage fright.",
        "The brave little town fights back against the greedy developers.",
        "Her dream job turns into a nightmare when her boss is murdered.",
        "The cruel warden makes life miserable for the new prisoner.",
        "Two hopeless romantics keep missing each other in the rain.",
        "The charming con man meets his match in a clever heiress.",
        "A sweet, naive farm girl arrives in the big, dangerous city.",
    ]),
    "opinion_plain": (True, [
        "The second half never quite finds its footing.",
        "It's the kind of film that stays with you for days.",
        "You will want to see this on the biggest screen you can find.",
        "Two hours have rarely felt so long.", "The script needed another draft.",
        "Seek it out.", "Wait for the streaming release.",
        "Nobody will mistake this for a classic.", "The jokes land about half the time.",
        "The director knows exactly where to put the camera.",
        "The last twenty minutes could have been cut without losing anything.",
        "Every scene goes on a beat too long.",
        "The actors seem to be in different movies.",
        "This is a film that trusts its audience.",
        "By the end I had stopped caring who the killer was.",
        "It does what it sets out to do, and not much more.",
        "The score tells us what to feel in every scene.",
        "The dialogue sounds written rather than spoken.",
        "There is more life in the first ten minutes than in most whole movies this year.",
        "The ending is earned.", "You can see the twist coming from the first reel.",
        "The villain is more interesting than the hero.", "This one is for fans only.",
        "Bring tissues.", "It's a movie that rewards a second viewing.",
        "Nothing here will surprise anyone who has seen the trailer.",
        "The effects have dated, but the story holds up.",
        "I kept checking my watch.", "The film is at its best when it stays quiet.",
        "It's hard to say who this movie is for.",
        "The movie wants to be two things at once and ends up being neither.",
        "Somewhere in here is a better, shorter film.",
        "It's over before you know it, and you'll wish it weren't.",
        "The cast deserved a sharper script.",
        "Few films this year have looked like this one.",
        "It plays like a pilot for a television series.",
        "The camera never seems to know where to look.",
        "You leave the theater humming the songs.",
        "It asks the right questions and answers none of them.",
        "This is the rare sequel that improves on the original.",
        "Every plot point is telegraphed.", "The movie is smarter than its marketing.",
        "I'm still thinking about that final shot.",
        "I would happily watch it again tomorrow.",
        "I can't remember the last time a thriller held me this tightly.",
        "I wanted to like it more than I did.", "I laughed more than I expected to.",
        "I never believed for a second that these two were in love.",
        "Go in knowing as little as possible.", "Skip it.", "Rent it instead.",
        "Don't let the title put you off.", "Parents should know it is too intense for kids.",
        "The film would have worked better as a short.",
        "What it lacks in polish it makes up for in nerve.",
        "The picture runs out of ideas halfway through.",
        "Too much of it is explained in voice-over.",
        "It is hard to imagine anyone else in the role.",
        "The story holds no surprises, but the telling does.",
        "Nobody in the cast seems to be having any fun.",
        "Nothing about it feels rushed.",
    ]),
    "opinion_craft_past": (True, [
        "The editing was choppy and the score intrusive.",
        "The photography was lovely throughout.",
        "I thought the cast did what they could with the material.",
        "The action scenes were staged with real clarity.",
        "The accents were all over the place.",
        "The sets looked like they were built for a school play.",
        "The pacing dragged in the second act.",
        "The humor felt forced.", "The chemistry between the leads was never there.",
        "The music was used sparingly, and to great effect.",
        "The makeup effects were convincing.",
        "The story was told with admirable economy.",
        "The lighting was so murky I could barely see the actors.",
        "The child actors were natural and unaffected.",
        "The fights were edited into incoherence.",
        "The script was full of clunky exposition.",
    ]),
}


def _template_rows(rng: random.Random) -> list[tuple[str, bool, str]]:
    pick = rng.choice
    makers: dict[str, tuple[bool, Callable[[], str], int]] = {
        "warning": (False, lambda: (
            f"{pick(('Warning:', 'Heads up:', 'Note:', 'A word of caution:', 'Be advised:'))} "
            f"{pick(('the next paragraph', 'the following section', 'the rest of this review', 'what follows', 'the paragraphs below'))} "  # noqa: E501
            f"{pick(('reveals the ending.', 'discusses the final twist.', 'gives away key plot points.', 'describes the climax in detail.', 'contains spoilers.', 'reveals who the killer is.'))}"),  # noqa: E501
            40),
        "notice": (False, lambda: (
            f"{pick(('Subscribe to', 'Sign up for', 'Join', 'Follow', 'Check out', 'Download'))} "
            f"{pick(('our newsletter', 'our podcast', 'our video channel', 'the members club', 'our mailing list', 'our app'))} "  # noqa: E501
            f"{pick(('for weekly picks.', 'to never miss a review.', 'for exclusive interviews.', 'today.', 'for free.', 'and tell your friends.'))}"),  # noqa: E501
            40),
        "anecdote": (False, lambda: (
            f"{pick(('Last Thursday', 'On opening night', 'Years ago', 'Over the holidays', 'Before the screening', 'As a teenager', 'Last winter'))}, "  # noqa: E501
            f"I {pick(('sat in the front row', 'waited in line for an hour', 'drove across town', 'took my mother along', 'met an old friend in the lobby', 'lost my ticket', 'visited the town where it was shot'))}"  # noqa: E501
            f"{pick(('.', ' with my brother.', ' after work.', ' in the rain.'))}"), 40),
        "facts": (False, lambda: (
            f"The film {pick(('was shot in', 'is set in', 'premiered in', 'was financed in', 'had its first screening in'))} "  # noqa: E501
            f"{pick(('Toronto', 'Rome', 'Mexico City', 'New Zealand', 'Berlin', 'Texas', 'Seoul'))}"
            f"{pick(('.', ' in 1998.', ' over two months.', ' last year.'))}"), 40),
        "plot": (False, lambda: (
            f"{pick(NAMES)}, {pick(('a', 'an out-of-work', 'a retired', 'a young'))} "
            f"{pick(ROLES)} in {pick(PLACES)}, {pick(ACTIONS)}."), 70),
        "plot_then": (False, lambda: (
            f"{pick(('When', 'After', 'Once', 'As soon as'))} {pick(NAMES)} "
            f"{pick(('finds the money', 'learns the truth', 'misses the last bus', 'opens the safe', 'gets the phone call', 'sees the photograph'))}, "  # noqa: E501
            f"{pick(('she', 'he'))} {pick(('decides to leave town', 'calls the police', 'goes looking for the others', 'tells no one', 'confronts the owner', 'starts to lie'))}."),  # noqa: E501
            70),
        "plot_loaded": (False, lambda: (
            f"{pick(('', 'In ' + pick(PLACES) + ', '))}{pick(NAMES)}, a {pick(LOADED)} "
            f"{pick(ROLES)}, {pick(ACTIONS)}.").lstrip(), 70),
        "plot_loaded_the": (False, lambda: (
            f"The {pick(LOADED)} {pick(ROLES)} {pick(ACTIONS)}, with help from a "
            f"{pick(LOADED)} {pick(ROLES)}."), 40),
        "opinion_plain": (True, lambda: (
            f"{pick(CRAFT)} {pick(('never quite comes together', 'does most of the heavy lifting', 'holds the whole thing together', 'keeps the story moving', 'feels like an afterthought', 'rarely rises above the material', 'could have used a firmer hand', 'goes on far longer than it needs to', 'is the reason to see it', 'is where the movie comes alive', 'leaves too many threads hanging', 'gives the film its pulse', 'asks for patience and repays it', 'never earns its big moments'))}."),  # noqa: E501
            80),
        "opinion_recommend": (True, lambda: pick((
            f"If you see one {pick(GENRES)} this year, make it this one.",
            f"Fans of the {pick(GENRES)} will find plenty here.",
            f"{pick(NAMES)} gives the performance of a career.",
            f"This is {pick(('as good as', 'a notch below', 'nowhere near', 'on a par with'))} "
            f"the director's last {pick(GENRES)}.",
            f"As {pick(GENRES)}s go, this one {pick(('knows its business', 'runs out of steam early', 'plays it too safe', 'takes real chances'))}.",  # noqa: E501
            f"{pick(NAMES)} is {pick(('miscast', 'the best thing in it', 'wasted in a thin role', 'a revelation', 'never convincing'))} as the {pick(ROLES)}.",  # noqa: E501
        )), 60),
        "opinion_craft_past": (True, lambda: (
            f"{pick(CRAFT)} was {pick(('handled with care', 'a letdown', 'clumsy', 'sharp and economical', 'flat', 'unforgettable', 'muddled', 'overdone', 'just right', 'too timid'))}"  # noqa: E501
            f"{pick(('.', ', I thought.', ' from start to finish.'))}"), 40),
    }
    rows: list[tuple[str, bool, str]] = []
    for name, (opinion, make, n) in makers.items():
        seen: set[str] = set()
        for _ in range(n * 5):
            if len(seen) == n:
                break
            seen.add(make())
        category = {"plot_then": "plot", "plot_loaded_the": "plot_loaded",
                    "opinion_recommend": "opinion_plain"}.get(name, name)
        rows += [(text, opinion, f"{category}:{name}") for text in sorted(seen)]
    return rows


def polarity_style(text: str) -> str:
    """Lower case with spaced punctuation, as polarity v2.0 prints its sentences."""
    return re.sub(r"\s+", " ", re.sub(r"([.,!?;:()\"])", r" \1 ", text.lower())).strip()


def own_rows(seed: int = SEED) -> list[dict[str, object]]:
    """Every sentence, with its label, category and group (for grouped cross-validation)."""
    rng = random.Random(seed)
    base = [(text, opinion, f"{category}:hand{i // 4}")
            for category, (opinion, texts) in HAND.items() for i, text in enumerate(texts)]
    rows = []
    for text, opinion, group in base + _template_rows(rng):
        for variant in (text, polarity_style(text)):
            rows.append({"text": variant, "opinion": opinion,
                         "category": group.split(":")[0], "group": group})
    return rows


def main() -> None:
    rows = own_rows()
    OWN_SENTENCES.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows ({sum(bool(r['opinion']) for r in rows)} opinion) "
          f"-> {OWN_SENTENCES}")


if __name__ == "__main__":
    main()
