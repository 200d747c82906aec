;;; lsp-mode.el --- Marginalia inside real Emacs with lsp-mode  -*- lexical-binding: t; -*-
;;
;;   emacs --batch -Q -l test/editors/lsp-mode.el       (from the repository root)
;;
;; Tested with Debian's emacs-nox 28.2 and elpa-lsp-mode 8.0.0.  Starts `node dist/cli.js lsp --stdio'
;; (override with MARGINALIA_CLI=path/to/cli.js) through lsp-mode, opens document/paper.md in
;; markdown-mode, waits (time-boxed) for diagnostics, then checks lsp-mode's diagnostics, hover on a
;; cited key and the document symbols.  Prints each check; exit code 0 = all passed, 1 = a check failed or an error,
;; 2 = the whole run hit its time limit.

(require 'cl-lib)
(require 'subr-x)

(defconst marginalia-test-wait
  (string-to-number (or (getenv "MARGINALIA_WAIT_SECONDS") "20"))
  "Seconds each wait may take.")
(defvar marginalia-test-checks 0)
(defvar marginalia-test-failures 0)

(defun marginalia-test-say (fmt &rest args)
  ;; stdout, unbuffered: `princ' is buffered in batch mode (lost if the run is killed) and
  ;; `message' goes to stderr.
  (send-string-to-terminal (concat (apply #'format fmt args) "\n")))

(defun marginalia-test-check (ok what &optional detail)
  (cl-incf marginalia-test-checks)
  (if ok
      (marginalia-test-say "  ok   %s" what)
    (cl-incf marginalia-test-failures)
    (marginalia-test-say "  FAIL %s%s" what (if detail (format "\n       %s" detail) "")))
  ok)

(defun marginalia-test-finish ()
  (marginalia-test-say "lsp-mode: %d checks, %d failed" marginalia-test-checks marginalia-test-failures)
  ;; No lsp-workspace-shutdown: in batch it waits for its own time-out; the server exits when
  ;; Emacs closes its stdin.
  (ignore-errors (delete-file lsp-session-file))
  (kill-emacs (if (> marginalia-test-failures 0) 1 0)))

(defun marginalia-test-wait-for (pred &optional seconds)
  "Process events until PRED returns non-nil or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) (or seconds marginalia-test-wait)))
        value)
    (while (and (not (setq value (funcall pred)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

;; Hard limit for the whole run, in case something blocks without timing out.
(run-with-timer (* 3 marginalia-test-wait) nil
                (lambda ()
                  (marginalia-test-say "  FAIL the run exceeded %ss" (* 3 marginalia-test-wait))
                  (kill-emacs 2)))

;; --- The configuration under test (docs/editors.md shows the same) -----------------------------

;; With -Q, Debian's elpa-* packages are not activated: put their folders on load-path and load
;; their autoloads (lsp-mode calls autoloaded functions such as `lsp-modeline-workspace-status-mode').
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (when (file-directory-p dir)
    (add-to-list 'load-path dir)
    (dolist (autoloads (file-expand-wildcards (expand-file-name "*-autoloads.el" dir)))
      (load autoloads t t))))

(defconst marginalia-test-root (expand-file-name default-directory))
(defconst marginalia-test-cli
  (expand-file-name (or (getenv "MARGINALIA_CLI") "dist/cli.js") marginalia-test-root))

;; Keep lsp-mode's session file (the list of known project roots) out of ~/.emacs.d.
(setq lsp-session-file (expand-file-name (make-temp-name "marginalia-lsp-session-")
                                         temporary-file-directory))
(setq lsp-auto-guess-root t          ; the project root, from project.el (the git repository)
      lsp-keep-workspace-alive nil
      lsp-enable-snippet nil)           ; no yasnippet here

(unless (and (require 'markdown-mode nil t) (require 'lsp-mode nil t))
  (marginalia-test-say "  FAIL (require 'lsp-mode): not installed (apt-get install elpa-lsp-mode)")
  (kill-emacs 1))

(lsp-register-client
 (make-lsp-client
  :new-connection (lsp-stdio-connection (list "node" marginalia-test-cli "lsp" "--stdio"))
  :activation-fn (lsp-activate-on "markdown")
  :major-modes '(markdown-mode gfm-mode)
  :server-id 'marginalia))

;; ------------------------------------------------------------------------------------------------

(defun marginalia-test-lsp-diags ()
  "The LSP Diagnostic objects lsp-mode holds for the current file."
  (append (gethash (lsp--fix-path-casing buffer-file-name) (lsp-diagnostics t)) nil))

(defun marginalia-test-uncited (diags)
  (cl-remove-if-not (lambda (d) (string-prefix-p "Uncited claim:" (or (lsp-get d :message) "")))
                    diags))

(defun marginalia-test-symbols-by-name (symbols)
  (let ((table (make-hash-table :test 'equal)))
    (cl-labels ((walk (list)
                  (seq-doseq (s list)
                    (unless (gethash (lsp-get s :name) table)
                      (puthash (lsp-get s :name) s table))
                    (walk (or (lsp-get s :children) [])))))
      (walk symbols))
    table))

(defun marginalia-test-main ()
  (let ((paper (expand-file-name "document/paper.md" marginalia-test-root)))
    (unless (marginalia-test-check (file-readable-p marginalia-test-cli)
                                   (format "server bundle exists: %s (run npm run build)"
                                           marginalia-test-cli))
      (marginalia-test-finish))
    (marginalia-test-say "emacs %s, %s: node %s lsp --stdio" emacs-version
                         (file-name-nondirectory
                          (directory-file-name (file-name-directory (locate-library "lsp-mode"))))
                         marginalia-test-cli)
    (find-file paper)
    (marginalia-test-check (eq major-mode 'markdown-mode) (format "paper.md opened in %s" major-mode))
    ;; `lsp-deferred' (the usual hook) waits for the buffer to be shown, which batch mode never does.
    (let ((inhibit-message t)) (lsp))
    (let ((ws (marginalia-test-wait-for
               (lambda () (seq-find (lambda (w) (eq (lsp--workspace-status w) 'initialized))
                                    (lsp-workspaces))))))
      (unless (marginalia-test-check ws "lsp-mode connected and the server initialized")
        (marginalia-test-finish))
      (marginalia-test-check (equal (lsp--workspace-root ws) (directory-file-name marginalia-test-root))
                             (format "workspace root is the repository (%s)" (lsp--workspace-root ws)))

      (let* ((t0 (float-time))
             (got (marginalia-test-wait-for
                   (lambda () (>= (length (marginalia-test-uncited (marginalia-test-lsp-diags))) 5))))
             (all (marginalia-test-lsp-diags))
             (uncited (marginalia-test-uncited all)))
        (marginalia-test-say "  diagnostics after %d ms: %d in paper.md"
                             (round (* 1000 (- (float-time) t0))) (length all))
        (marginalia-test-check got (format "lsp-mode holds >= 5 \"Uncited claim:\" diagnostics (got %d)"
                                           (length uncited)))
        (when uncited
          (marginalia-test-say "  e.g. %s" (lsp-get (car uncited) :message))
          (marginalia-test-check (cl-every (lambda (d) (eql (lsp-get d :severity) 2)) uncited)
                                 "uncited-claim diagnostics have severity 2 (warning)")
          (marginalia-test-check (cl-every (lambda (d) (string-match-p "\\`Uncited claim:[ \t]*[^ \t]"
                                                                       (lsp-get d :message)))
                                           uncited)
                                 "uncited-claim messages carry a reason")
          (marginalia-test-check (cl-every (lambda (d) (equal (lsp-get d :source) "marginalia")) uncited)
                                 "uncited-claim diagnostics have source \"marginalia\"")))

      (goto-char (point-min))
      (when (marginalia-test-check (search-forward "@katz2012russia" nil t) "found @katz2012russia in paper.md")
        (goto-char (+ (match-beginning 0) 3))
        (let* ((params (lsp--text-document-position-params))
               (hover (condition-case err (lsp-request "textDocument/hover" params)
                        (error (marginalia-test-say "  hover error: %S" err) nil)))
               (contents (and hover (lsp-get hover :contents)))
               ;; the same rendering lsp-mode's eldoc/lsp-describe-thing-at-point use
               (text (if contents (substring-no-properties (lsp--render-on-hover-content contents t)) "")))
          (marginalia-test-check (not (string-empty-p text)) "hover returned contents")
          (marginalia-test-say "  hover: %s" (truncate-string-to-width
                                              (replace-regexp-in-string "\n" " | " text) 300))
          (marginalia-test-check (string-match-p "Katz" text) "hover names the author (Katz)")
          (marginalia-test-check (string-match-p (regexp-quote "(2012)") text)
                                 "hover has the year in parentheses (2012)")
          (marginalia-test-check (string-match-p "Editorial citation" text) "hover says \"Editorial citation\"")))

      (let* ((symbols (condition-case err
                          (lsp-request "textDocument/documentSymbol"
                                       (list :textDocument (lsp--text-document-identifier)))
                        (error (marginalia-test-say "  documentSymbol error: %S" err) nil)))
             (by-name (marginalia-test-symbols-by-name (or symbols []))))
        (marginalia-test-check (> (length symbols) 0) "documentSymbol returned symbols")
        (marginalia-test-say "  top-level symbols: %s"
                             (mapconcat (lambda (s) (lsp-get s :name)) symbols ", "))
        (dolist (section '("1 Introduction" "2 Method and Theoretical Framework" "3 Discussion"
                           "4 Conclusion and Suggestions" "5 References"))
          (marginalia-test-check (gethash section by-name) (format "symbol \"%s\"" section)))
        (let ((cons (gethash "Consequences" by-name)))
          (when (marginalia-test-check cons "symbol \"Consequences\"")
            (dolist (cat '("Positive consequences" "Negative consequences"))
              (let* ((kid (seq-find (lambda (c) (equal (lsp-get c :name) cat))
                                    (or (lsp-get cons :children) [])))
                     (n (if kid (length (lsp-get kid :children)) -1)))
                (marginalia-test-check (= n 5) (format "\"Consequences\" > \"%s\" has 5 children (got %d)"
                                                       cat n))))))))
    (marginalia-test-finish)))

(condition-case err
    (marginalia-test-main)
  (error
   (marginalia-test-check nil "no Lisp error" (format "%S" err))
   (marginalia-test-finish)))

;;; lsp-mode.el ends here
