"""Names listed together, read as peers: "Google, OpenAI and Anthropic are racing" holds a
relation with peer_lists between every pair of a list long enough, where a word of the relation's
(racing, rivals) governs the clause."""

from __future__ import annotations

import itertools

from ...schema import PeerLists as PeerListSpec
from ...schema import Relation
from .component import RuleComponent
from .context import RuleContext
from .reading import found


class PeerLists(RuleComponent):
    name = "peer_lists"
    reads = ("lowered", "named", "mentions", "clauses")
    assigns = ("assertions",)

    def __call__(self, context: RuleContext) -> None:
        for relation in self.schema.relations.values():
            if relation.peer_lists is not None:
                context.assertions.extend(self._peers(context, relation, relation.peer_lists))

    def _peers(self, context: RuleContext, relation: Relation, peers: PeerListSpec):
        """Weaker than a cue; none where a negation stands before the list."""
        reading = self.tools.reading
        not_after = reading.words(peers.not_after)  # built once, not for every document
        governed_by = reading.words(peers.governed_by)
        listed_to = -1
        for mention in context.named:
            if mention.start < listed_to or not mention.entity.is_a(peers.types):
                continue
            clause = context.clause_at(mention.start)
            in_a_row = context.names_in_a_row(mention.end, clause.end, peers.types, self.schema.language.list_joiners)
            listed = [mention] + [m for m in in_a_row if m.entity != mention.entity]
            listed_to = listed[-1].end
            # a name known only from standing in the list does not make the list longer
            listed = [m for m in listed if m.method != "listed"]
            if len(listed) < peers.min_names or reading.negated(context.lowered, clause.start, mention.start):
                continue
            if found(not_after, context.lowered, clause.start, mention.start):
                continue  # "integrations with tools like Gmail, Slack, GitHub": not peers
            if governed_by is not None and not found(governed_by, context.lowered, clause.start, clause.end):
                continue  # "Ares, KKR, Apollo and Blackstone all fell": named together, not rivals
            # the listing itself implies the peers; a hedge or prediction in the clause is about its claim
            modality = reading.modality(context.lowered, clause.start, clause.end)
            for first, second in itertools.combinations(listed, 2):
                yield context.claim(relation, first, second, mention.start, listed_to, peers.confidence, modality)
