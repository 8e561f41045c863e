package api

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/declinekit/declinekit/internal/problem"
	"github.com/declinekit/declinekit/service"
	"github.com/declinekit/declinekit/service/checklist"
)

// ChecklistItem is one piece of guidance for declining an interview.
type ChecklistItem struct {
	// The item's stable slug.
	ID string `json:"id" example:"express_gratitude" enums:"reflect,respond_promptly,be_honest,express_gratitude,keep_door_open,use_professional_channel,give_brief_reason,be_courteous,maintain_connections"`
	// The item's position, from 1 to 9.
	Step int `json:"step" example:"4" minimum:"1" maximum:"9"`
	// The item in a few words.
	Title string `json:"title" example:"Say thank you"`
	// The item explained in a sentence or two.
	Summary string `json:"summary" example:"Thank the recruiter for the invitation and for the time they have already spent on your application."`
	// Concrete things to do.
	Guidance []string `json:"guidance" example:"Thank them near the start of the message.,Mention the role and the company so the thanks is specific."`
	// Questions to ask yourself before deciding; only the reflect item has them, the others have an empty list.
	Questions []string `json:"questions"`
	// True for guidance a message may leave out (the reason).
	Optional bool `json:"optional" example:"false"`
} // @name ChecklistItem

// ChecklistList is the whole checklist, in order.
type ChecklistList struct {
	// The nine items, in order.
	Items []ChecklistItem `json:"items"`
} // @name ChecklistList

// langQuery is the lang query parameter shared by the content resources.
type langQuery struct {
	Lang string `query:"lang" validate:"omitempty,oneof=en"`
}

func (q langQuery) lang() service.Lang {
	if q.Lang == "" {
		return service.LangEN
	}
	return service.Lang(q.Lang)
}

// checklistResource holds the checklist's answers, encoded once.
type checklistResource struct {
	list  map[service.Lang]staticDoc
	items map[service.Lang]map[string]staticDoc
}

func newChecklistResource(cl *checklist.Checklist) (*checklistResource, error) {
	r := &checklistResource{list: map[service.Lang]staticDoc{}, items: map[service.Lang]map[string]staticDoc{}}
	for _, lang := range service.Langs {
		items, err := cl.Items(lang)
		if err != nil {
			return nil, err
		}
		dtos := make([]ChecklistItem, len(items))
		r.items[lang] = make(map[string]staticDoc, len(items))
		for i, it := range items {
			dtos[i] = ChecklistItem(it)
			if r.items[lang][it.ID], err = newJSONDoc(dtos[i]); err != nil {
				return nil, fmt.Errorf("encode checklist item %s: %w", it.ID, err)
			}
		}
		if r.list[lang], err = newJSONDoc(ChecklistList{Items: dtos}); err != nil {
			return nil, fmt.Errorf("encode checklist: %w", err)
		}
	}
	return r, nil
}

// listChecklist godoc
//
//	@Summary		List the checklist
//	@Description	Returns the nine pieces of guidance for declining a job interview gracefully, in the order a candidate meets them: reflect, respond promptly, be honest, express gratitude, keep the door open, use a professional channel, give a brief reason (optional), be courteous, maintain connections. Answers carry an ETag; send If-None-Match to get 304.
//	@ID				listChecklist
//	@Security		ApiKeyAuth
//	@Security		BearerAuth
//	@Tags			checklist
//	@Produce		json
//	@Produce		application/problem+json
//	@Param			lang	query		string	false	"Language of the text"	Enums(en)	default(en)
//	@Success		200		{object}	ChecklistList
//	@Success		304		"Not modified: the ETag in If-None-Match is current"
//	@Failure		401		{object}	problem.Problem	"An API key is required and was missing or wrong (only when the server has keys)"
//	@Failure		400		{object}	problem.Problem	"An unknown or repeated query parameter"
//	@Failure		406		{object}	problem.Problem	"The Accept header rules out JSON"
//	@Failure		422		{object}	problem.Problem	"Unsupported language"
//	@Header			200		{string}	ETag	"Entity tag of the answer"
//	@Failure		429		{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429		{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/checklist [get]
func (s *Server) listChecklist(c echo.Context) error {
	var q langQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	return s.checklist.list[q.lang()].serve(c)
}

// getChecklistItem godoc
//
//	@Summary		Get one checklist item
//	@Description	Returns one piece of guidance by its id, such as `express_gratitude` or `give_brief_reason`.
//	@ID				getChecklistItem
//	@Security		ApiKeyAuth
//	@Security		BearerAuth
//	@Tags			checklist
//	@Produce		json
//	@Produce		application/problem+json
//	@Param			id		path		string	true	"Item id"	Enums(reflect,respond_promptly,be_honest,express_gratitude,keep_door_open,use_professional_channel,give_brief_reason,be_courteous,maintain_connections)
//	@Param			lang	query		string	false	"Language of the text"	Enums(en)	default(en)
//	@Success		200		{object}	ChecklistItem
//	@Success		304		"Not modified: the ETag in If-None-Match is current"
//	@Failure		401		{object}	problem.Problem	"An API key is required and was missing or wrong (only when the server has keys)"
//	@Failure		400		{object}	problem.Problem	"An unknown or repeated query parameter"
//	@Failure		404		{object}	problem.Problem	"No item with this id"
//	@Failure		400		{object}	problem.Problem	"An unknown or repeated query parameter"
//	@Failure		406		{object}	problem.Problem	"The Accept header rules out JSON"
//	@Failure		422		{object}	problem.Problem	"Unsupported language"
//	@Header			200		{string}	ETag	"Entity tag of the answer"
//	@Failure		429		{object}	problem.Problem	"Too many requests from this address; see Retry-After"
//	@Header			429		{string}	Retry-After	"Seconds to wait before trying again"
//	@Router			/checklist/{id} [get]
func (s *Server) getChecklistItem(c echo.Context) error {
	var q langQuery
	if err := bindQuery(c, &q); err != nil {
		return err
	}
	doc, ok := s.checklist.items[q.lang()][c.Param("id")]
	if !ok {
		return service.NotFound(fmt.Sprintf("there is no checklist item with this id; ids are %v", checklist.IDs))
	}
	return doc.serve(c)
}

// bindQuery binds query parameters into q and validates them. A parameter
// q does not have, or one given twice, is a 400: a typo in a filter must not
// silently widen the answer.
func bindQuery(c echo.Context, q any) error {
	if c.Request().URL.RawQuery == "" {
		return nil // no parameters: the zero value is the default
	}
	allowed := queryNames(reflect.TypeOf(q).Elem())
	params := c.QueryParams()
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !slices.Contains(allowed, name) {
			msg := "is not a parameter of this resource"
			if len(allowed) > 0 {
				msg += "; use " + strings.Join(allowed, ", ")
			}
			return badRequest(problem.TypeBadRequest, fmt.Sprintf("unknown query parameter %q", name),
				problem.FieldError{Field: name, Message: msg})
		}
		if len(params[name]) > 1 {
			return badRequest(problem.TypeBadRequest, fmt.Sprintf("query parameter %q is given more than once", name),
				problem.FieldError{Field: name, Message: "is given more than once; give one value"})
		}
	}
	if err := (&echo.DefaultBinder{}).BindQueryParams(c, q); err != nil {
		return badRequest(problem.TypeBadRequest, "the query string could not be read")
	}
	return c.Validate(q)
}

// queryNames lists the query parameter names of a query struct type.
func queryNames(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if n := t.Field(i).Tag.Get("query"); n != "" {
			names = append(names, n)
		}
	}
	return names
}
