package io.github.camelliveagent.component.enhanced;

import java.io.IOException;
import java.util.List;

/** Where Enhanced Chat conversations are kept so that a restarted application resumes them. */
public interface ConversationStore {

    /** Keeps nothing: conversations end with the application (the default without a session store directory). */
    ConversationStore NONE = new ConversationStore() {
        @Override
        public void save(SavedConversation conversation) {
        }

        @Override
        public void remove(String conversationId) {
        }

        @Override
        public List<SavedConversation> loadAll() {
            return List.of();
        }

        @Override
        public boolean isPersistent() {
            return false;
        }
    };

    void save(SavedConversation conversation) throws IOException;

    void remove(String conversationId) throws IOException;

    /** Every conversation saved; one that does not read back is skipped with an error naming it. */
    List<SavedConversation> loadAll() throws IOException;

    boolean isPersistent();
}
